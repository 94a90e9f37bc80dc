// ntsh program-side headers: byte-order conversions for eBPF programs (network order is big-endian).
#ifndef NTSH_BPF_ENDIAN_H
#define NTSH_BPF_ENDIAN_H

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define bpf_htons(x) ((__UINT16_TYPE__)__builtin_bswap16((__UINT16_TYPE__)(x)))
#define bpf_htonl(x) ((__UINT32_TYPE__)__builtin_bswap32((__UINT32_TYPE__)(x)))
#define bpf_htonll(x) ((__UINT64_TYPE__)__builtin_bswap64((__UINT64_TYPE__)(x)))
#else
#define bpf_htons(x) ((__UINT16_TYPE__)(x))
#define bpf_htonl(x) ((__UINT32_TYPE__)(x))
#define bpf_htonll(x) ((__UINT64_TYPE__)(x))
#endif
#define bpf_ntohs(x) bpf_htons(x)
#define bpf_ntohl(x) bpf_htonl(x)
#define bpf_ntohll(x) bpf_htonll(x)

#endif

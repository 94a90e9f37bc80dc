// ntsh fixture: an XDP packet parser with a bounds check before every header read. Counts packets
// per protocol in a per-CPU array and drops UDP datagrams to the discard port (9).
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <xdp_hooks.h>

#define ETH_P_IPV4 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define DISCARD_PORT 9

typedef struct _ethernet_header
{
    uint8_t destination[6];
    uint8_t source[6];
    uint16_t type; // network order
} ethernet_header_t;

typedef struct _ipv4_header
{
    uint8_t version_and_length; // version 4, then the header length in 32-bit words
    uint8_t type_of_service;
    uint16_t total_length;
    uint16_t identification;
    uint16_t fragment;
    uint8_t time_to_live;
    uint8_t protocol;
    uint16_t checksum;
    uint32_t source;
    uint32_t destination;
} ipv4_header_t;

typedef struct _udp_header
{
    uint16_t source_port;
    uint16_t destination_port;
    uint16_t length;
    uint16_t checksum;
} udp_header_t;

enum counter
{
    COUNT_NOT_IPV4 = 0,
    COUNT_TCP = 1,
    COUNT_UDP = 2,
    COUNT_OTHER = 3,
    COUNT_MALFORMED = 4,
    COUNT_DROPPED = 5,
};

struct
{
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 6);
} packet_counts SEC(".maps");

static __always_inline void
count(uint32_t which)
{
    uint64_t* counter = bpf_map_lookup_elem(&packet_counts, &which);
    if (counter != NULL) {
        *counter += 1;
    }
}

SEC("xdp")
int parse_packets(xdp_md_t* ctx)
{
    uint8_t* data = ctx->data;
    uint8_t* data_end = ctx->data_end;

    ethernet_header_t* ethernet = (ethernet_header_t*)data;
    if ((uint8_t*)(ethernet + 1) > data_end) {
        count(COUNT_MALFORMED);
        return XDP_PASS;
    }
    if (ethernet->type != bpf_htons(ETH_P_IPV4)) {
        count(COUNT_NOT_IPV4);
        return XDP_PASS;
    }

    ipv4_header_t* ip = (ipv4_header_t*)(ethernet + 1);
    if ((uint8_t*)(ip + 1) > data_end) {
        count(COUNT_MALFORMED);
        return XDP_PASS;
    }
    uint32_t header_length = (ip->version_and_length & 0x0F) * 4;
    if (header_length < sizeof(ipv4_header_t) || (uint8_t*)ip + header_length > data_end) {
        count(COUNT_MALFORMED);
        return XDP_PASS;
    }

    if (ip->protocol == IPPROTO_TCP) {
        count(COUNT_TCP);
        return XDP_PASS;
    }
    if (ip->protocol != IPPROTO_UDP) {
        count(COUNT_OTHER);
        return XDP_PASS;
    }
    count(COUNT_UDP);
    udp_header_t* udp = (udp_header_t*)((uint8_t*)ip + header_length);
    if ((uint8_t*)(udp + 1) > data_end) {
        count(COUNT_MALFORMED);
        return XDP_PASS;
    }
    if (udp->destination_port == bpf_htons(DISCARD_PORT)) {
        count(COUNT_DROPPED);
        return XDP_DROP;
    }
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "MIT";

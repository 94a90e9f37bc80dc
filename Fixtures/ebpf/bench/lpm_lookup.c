// ntsh benchmark: one longest-prefix lookup of the bind address per run.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

typedef struct _ipv4_key
{
    uint32_t prefix_length;
    uint8_t address[4];
} ipv4_key_t;

struct
{
    __uint(type, BPF_MAP_TYPE_LPM_TRIE);
    __type(key, ipv4_key_t);
    __type(value, uint32_t);
    __uint(max_entries, 256);
} prefixes SEC(".maps");

SEC("bind")
bind_action_t match_prefix(bind_md_t* ctx)
{
    ipv4_key_t key = {.prefix_length = 32};
    __builtin_memcpy(key.address, &ctx->socket_address[4], sizeof(key.address));
    uint32_t* verdict = bpf_map_lookup_elem(&prefixes, &key);
    return verdict != NULL && *verdict != 0 ? BIND_DENY : BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

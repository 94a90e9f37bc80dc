// ntsh fixture: an IPv4 connect policy by destination prefix. The longest matching prefix's rule
// decides (0 reject, 1 proceed); addresses no rule covers proceed. Decisions are counted.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define AF_INET 2

typedef struct _ipv4_prefix
{
    uint32_t prefix_length;
    uint8_t address[4]; // network order
} ipv4_prefix_t;

struct
{
    __uint(type, BPF_MAP_TYPE_LPM_TRIE);
    __type(key, ipv4_prefix_t);
    __type(value, uint32_t);
    __uint(max_entries, 64);
} connect_rules SEC(".maps");

// Index 0 counts rejections, 1 connections that proceed.
struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 2);
} decisions SEC(".maps");

SEC("cgroup/connect4")
int filter_by_prefix(bpf_sock_addr_t* ctx)
{
    if (ctx->family != AF_INET) {
        return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
    }
    ipv4_prefix_t key = {.prefix_length = 32};
    __builtin_memcpy(key.address, &ctx->user_ip4, sizeof(key.address));
    uint32_t* rule = bpf_map_lookup_elem(&connect_rules, &key);
    uint32_t verdict = rule != NULL && *rule == 0 ? BPF_SOCK_ADDR_VERDICT_REJECT : BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
    uint32_t index = verdict == BPF_SOCK_ADDR_VERDICT_REJECT ? 0 : 1;
    uint64_t* count = bpf_map_lookup_elem(&decisions, &index);
    if (count != NULL) {
        *count += 1;
    }
    return verdict;
}

char LICENSE[] SEC("license") = "MIT";

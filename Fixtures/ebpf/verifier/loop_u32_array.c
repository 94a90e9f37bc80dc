// verifier: accept
// loops: 58
// Sums a map value that is an array of 16 32-bit counters: the index steps by 4 bytes and clang
// exits when it reaches 64, so `!=` bounds it only with the index's low two bits known zero.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint32_t[16]);
    __uint(max_entries, 1);
} counters SEC(".maps");

SEC("bind")
int sum_counters(bind_md_t* ctx)
{
    uint32_t key = 0;
    uint32_t* slots = bpf_map_lookup_elem(&counters, &key);
    if (!slots) {
        return BIND_PERMIT_SOFT;
    }
    uint32_t total = 0;
#pragma clang loop unroll(disable)
    for (int k = 0; k < 16; k++) {
        total += slots[k];
    }
    return total > 1000 ? BIND_DENY : BIND_PERMIT_SOFT;
}

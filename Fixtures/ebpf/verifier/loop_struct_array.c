// verifier: accept
// loops: 38
// Sums two fields of five 12-byte records in a map value: clang steps a byte offset by 12 and exits
// when it reaches 60. Only the offset's remainder modulo 12 (a congruence) keeps `!= 60` from
// letting it run past the value; the loop bound is an over-estimate (the counter relates to the
// offset, not to offset / 12).
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct record
{
    uint32_t id;
    uint32_t hits;
    uint32_t misses;
};

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, struct record[5]);
    __uint(max_entries, 1);
} records SEC(".maps");

SEC("bind")
int sum_records(bind_md_t* ctx)
{
    uint32_t key = 0;
    struct record* r = bpf_map_lookup_elem(&records, &key);
    if (!r) {
        return BIND_PERMIT_SOFT;
    }
    uint32_t total = 0;
#pragma clang loop unroll(disable)
    for (int k = 0; k < 5; k++) {
        total += r[k].hits + r[k].misses;
    }
    return total > 100 ? BIND_DENY : BIND_PERMIT_SOFT;
}

// verifier: reject
// expect: 13: Loop counter is too large (pc[13] < 100000)
// The trip count comes from a map value, so the loop may run 2^32 times.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint32_t);
    __uint(max_entries, 1);
} limits SEC(".maps");

SEC("bind")
int loop_by_map(bind_md_t* ctx)
{
    uint32_t key = 0;
    uint32_t* limit = bpf_map_lookup_elem(&limits, &key);
    if (limit == NULL) {
        return BIND_PERMIT_SOFT;
    }
    uint64_t acc = ctx->process_id;
    for (uint32_t i = 0; i < *limit; i++) {
        acc = acc * 7 + i;
    }
    return (int)(acc & 1);
}

// ntsh benchmark: one array lookup per run and an in-place increment.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 64);
} slots SEC(".maps");

SEC("bind")
bind_action_t count_by_slot(bind_md_t* ctx)
{
    uint32_t slot = (uint32_t)ctx->process_id & 63;
    uint64_t* count = bpf_map_lookup_elem(&slots, &slot);
    if (count != NULL) {
        *count += 1;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

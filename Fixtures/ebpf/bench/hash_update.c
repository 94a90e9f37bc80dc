// ntsh benchmark: one hash lookup per run, then an in-place increment or an insert.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 1024);
} counts SEC(".maps");

SEC("bind")
bind_action_t count_by_pid(bind_md_t* ctx)
{
    uint32_t pid = (uint32_t)ctx->process_id;
    uint64_t* count = bpf_map_lookup_elem(&counts, &pid);
    if (count != NULL) {
        *count += 1;
        return BIND_PERMIT_SOFT;
    }
    uint64_t one = 1;
    bpf_map_update_elem(&counts, &pid, &one, BPF_ANY);
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

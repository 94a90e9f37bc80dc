// ntsh benchmark: one LRU lookup per run; a miss inserts and evicts the least recently used key.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 256);
} recent SEC(".maps");

SEC("bind")
bind_action_t remember_pid(bind_md_t* ctx)
{
    uint32_t pid = (uint32_t)ctx->process_id;
    uint64_t* count = bpf_map_lookup_elem(&recent, &pid);
    if (count != NULL) {
        *count += 1;
        return BIND_PERMIT_SOFT;
    }
    uint64_t one = 1;
    bpf_map_update_elem(&recent, &pid, &one, BPF_ANY);
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

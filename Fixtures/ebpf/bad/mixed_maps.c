// ntsh bad fixture: legacy and BTF map definitions in one object, the program using the BTF one.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct bpf_map_def SEC("maps") legacy_counts = {
    .type = BPF_MAP_TYPE_ARRAY,
    .key_size = sizeof(uint32_t),
    .value_size = sizeof(uint64_t),
    .max_entries = 1,
};

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 1);
} btf_counts SEC(".maps");

SEC("bind")
bind_action_t count_both(bind_md_t* ctx)
{
    uint32_t zero = 0;
    uint64_t* legacy = bpf_map_lookup_elem(&legacy_counts, &zero);
    uint64_t* modern = bpf_map_lookup_elem(&btf_counts, &zero);
    if (legacy != NULL && modern != NULL) {
        *legacy += *modern;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

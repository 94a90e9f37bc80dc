// verifier: reject
// expect: 9: Only numbers can be stored to externally-visible regions (r0.type != stack -> r6.type == number)
// Storing the context pointer in a map value would leak a kernel address.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 1);
} leak SEC(".maps");

SEC("bind")
int leak_context(bind_md_t* ctx)
{
    uint32_t key = 0;
    uint64_t* slot = bpf_map_lookup_elem(&leak, &key);
    if (slot != NULL) {
        *slot = (uint64_t)ctx;
    }
    return BIND_PERMIT_SOFT;
}

// verifier: reject
// expect: 7: Possible null access (valid_access(r0.offset, width=8) for read)
// expect: 9: Possible null access (valid_access(r0.offset, width=8) for write)
// The lookup result is dereferenced without a null check.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 16);
} counts SEC(".maps");

SEC("bind")
int count_unchecked(bind_md_t* ctx)
{
    uint32_t key = (uint32_t)ctx->process_id;
    uint64_t* value = bpf_map_lookup_elem(&counts, &key);
    *value += 1;
    return BIND_PERMIT_SOFT;
}

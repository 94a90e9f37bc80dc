// verifier: reject
// expect: 9: Stack content is not initialized (within stack(r3:value_size(r1)))
// The map value is a stack buffer the program never wrote.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#pragma clang diagnostic ignored "-Wuninitialized-const-pointer"

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 16);
} values SEC(".maps");

SEC("bind")
int store_garbage(bind_md_t* ctx)
{
    uint32_t key = (uint32_t)ctx->process_id;
    uint64_t value;
    bpf_map_update_elem(&values, &key, &value, 0);
    return BIND_PERMIT_SOFT;
}

// ntsh fixture: a sample extension program that looks for "ntsh" in its data with the extension's
// find helper and keeps what it found and what the implicit helper returned.
#include <bpf_helpers.h>
#include <sample_ext_helpers.h>

// Index 0: offset of "ntsh" (or -1), 1: helper_implicit_1, 2: uint32_data.
struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, int64_t);
    __uint(max_entries, 3);
} findings SEC(".maps");

static __always_inline void
keep(uint32_t index, int64_t value)
{
    int64_t* slot = bpf_map_lookup_elem(&findings, &index);
    if (slot != NULL) {
        *slot = value;
    }
}

SEC("sample_ext")
int find_ntsh(sample_program_context_t* ctx)
{
    char needle[] = "ntsh";
    uint32_t size = (uint32_t)(ctx->data_end - ctx->data_start);
    int64_t where = -1;
    if (size > 0 && size < 1024) {
        where = sample_ebpf_extension_find(ctx->data_start, size, needle, sizeof(needle));
    }
    keep(0, where);
    keep(1, sample_ebpf_extension_helper_implicit_1());
    keep(2, ctx->uint32_data);
    return where >= 0 ? 1 : 0;
}

char LICENSE[] SEC("license") = "MIT";

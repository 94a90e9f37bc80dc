// ntsh fixture: bpf_printk with 0 to 3 arguments, %% and one refused format. Each call's return
// value (the printed length, or -1) is kept in an array so a test can check it.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, int64_t);
    __uint(max_entries, 6);
} printk_results SEC(".maps");

static __always_inline void
keep(uint32_t index, int64_t result)
{
    int64_t* slot = bpf_map_lookup_elem(&printk_results, &index);
    if (slot != NULL) {
        *slot = result;
    }
}

SEC("bind")
bind_action_t trace_binds(bind_md_t* ctx)
{
    uint64_t pid = ctx->process_id;
    keep(0, bpf_printk("bind hook called\n"));
    keep(1, bpf_printk("pid %u", pid));
    keep(2, bpf_printk("pid %u protocol %u", pid, ctx->protocol));
    keep(3, bpf_printk("pid %llu op %d len %x", pid, ctx->operation, ctx->socket_address_length));
    keep(4, bpf_printk("100%% of binds are traced"));
    keep(5, bpf_printk("refused: %s", pid));
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

// ntsh bad fixture: a bind program and an XDP program that tail-call through one program array.
// A program array takes the type of the first program associated with it, so the XDP program
// cannot be loaded with it (EBPF_INVALID_FD).
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>
#include <xdp_hooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __type(key, uint32_t);
    __type(value, uint32_t);
    __uint(max_entries, 2);
} next_stage SEC(".maps");

SEC("bind")
bind_action_t bind_entry(bind_md_t* ctx)
{
    bpf_tail_call(ctx, &next_stage, 0);
    return BIND_PERMIT_SOFT;
}

SEC("xdp")
int xdp_entry(xdp_md_t* ctx)
{
    bpf_tail_call(ctx, &next_stage, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "MIT";

// ntsh fixture: a dispatcher that tail-calls per-protocol stages through a program array filled by
// the object itself. The last program that runs decides the verdict; an empty slot makes
// bpf_tail_call fail and the caller go on.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define IPPROTO_UDP 17

bind_action_t tcp_stage(bind_md_t* ctx);
bind_action_t udp_stage(bind_md_t* ctx);
bind_action_t final_stage(bind_md_t* ctx);

struct
{
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __type(key, uint32_t);
    __uint(max_entries, 4);
    __array(values, bind_action_t(bind_md_t*));
} stages SEC(".maps") = {
    .values = {[0] = &tcp_stage, [1] = &udp_stage, [2] = &final_stage},
};

// How often each program ran: dispatcher, tcp, udp, final.
struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 4);
} stage_runs SEC(".maps");

static __always_inline void
ran(uint32_t stage)
{
    uint64_t* runs = bpf_map_lookup_elem(&stage_runs, &stage);
    if (runs != NULL) {
        *runs += 1;
    }
}

SEC("bind")
bind_action_t dispatch(bind_md_t* ctx)
{
    ran(0);
    bpf_tail_call(ctx, &stages, ctx->protocol == IPPROTO_UDP ? 1 : 0);
    // Reached only when the slot is empty.
    return BIND_PERMIT_SOFT;
}

SEC("bind/0")
bind_action_t tcp_stage(bind_md_t* ctx)
{
    ran(1);
    bpf_tail_call(ctx, &stages, 2);
    return BIND_DENY;
}

SEC("bind/1")
bind_action_t udp_stage(bind_md_t* ctx)
{
    ran(2);
    // Slot 3 is empty: the call fails and this program returns.
    if (bpf_tail_call(ctx, &stages, 3) < 0) {
        return BIND_PERMIT_SOFT;
    }
    return BIND_DENY;
}

SEC("bind/2")
bind_action_t final_stage(bind_md_t* ctx)
{
    ran(3);
    return BIND_PERMIT_HARD;
}

char LICENSE[] SEC("license") = "MIT";

// ntsh fixture: a bind program that tail-calls itself through slot 0 of a program array until the
// runtime refuses. eBPF for Windows allows 33 tail calls in one invocation: the 34th call fails
// with -EBPF_NO_MORE_TAIL_CALLS and the program goes on. Runs and that result are kept.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

bind_action_t call_again(bind_md_t* ctx);

struct
{
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __type(key, uint32_t);
    __uint(max_entries, 1);
    __array(values, bind_action_t(bind_md_t*));
} self_loop SEC(".maps") = {
    .values = {[0] = &call_again},
};

// Index 0: runs in the last invocations; index 1: what the refused tail call returned.
struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, int64_t);
    __uint(max_entries, 2);
} loop_stats SEC(".maps");

SEC("bind")
bind_action_t call_again(bind_md_t* ctx)
{
    uint32_t index = 0;
    int64_t* runs = bpf_map_lookup_elem(&loop_stats, &index);
    if (runs != NULL) {
        *runs += 1;
    }
    long refused = bpf_tail_call(ctx, &self_loop, 0);
    index = 1;
    int64_t* last = bpf_map_lookup_elem(&loop_stats, &index);
    if (last != NULL) {
        *last = refused;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

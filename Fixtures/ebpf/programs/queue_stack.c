// ntsh fixture: a queue of the last eight binding process ids (the oldest overwritten when full)
// and a stack of ports, with peek and pop from programs.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_QUEUE);
    __type(value, uint32_t);
    __uint(max_entries, 8);
} recent_pids SEC(".maps");

struct
{
    __uint(type, BPF_MAP_TYPE_STACK);
    __type(value, uint16_t);
    __uint(max_entries, 4);
} ports SEC(".maps");

SEC("bind")
bind_action_t track_binds(bind_md_t* ctx)
{
    uint16_t port = bpf_ntohs(*(uint16_t*)&ctx->socket_address[2]);
    if (ctx->operation == BIND_OPERATION_UNBIND) {
        // An unbind takes the most recent port off the stack if it is this one.
        uint16_t top = 0;
        if (bpf_map_peek_elem(&ports, &top) == 0 && top == port) {
            bpf_map_pop_elem(&ports, &top);
        }
        return BIND_PERMIT_SOFT;
    }
    uint32_t pid = (uint32_t)ctx->process_id;
    bpf_map_push_elem(&recent_pids, &pid, BPF_EXIST);
    if (bpf_map_push_elem(&ports, &port, BPF_ANY) != 0) {
        return BIND_DENY; // more than four ports held at once
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

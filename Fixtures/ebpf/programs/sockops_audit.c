// ntsh fixture: a sock_ops program that keeps each TCP connection it sees by WFP flow id
// (bpf_sock_ops_get_flow_id): which event came last, the ports, and how many events the flow had.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

typedef struct _flow_record
{
    uint32_t last_op;
    uint16_t local_port;  // host order
    uint16_t remote_port; // host order
    uint32_t events;
    uint32_t protocol;
} flow_record_t;

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint64_t);
    __type(value, flow_record_t);
    __uint(max_entries, 64);
} flows SEC(".maps");

SEC("sockops")
int audit_flows(bpf_sock_ops_t* ctx)
{
    uint64_t flow = bpf_sock_ops_get_flow_id(ctx);
    flow_record_t* known = bpf_map_lookup_elem(&flows, &flow);
    if (known != NULL) {
        known->last_op = ctx->op;
        known->events += 1;
        return 0;
    }
    flow_record_t fresh = {
        .last_op = ctx->op,
        .local_port = bpf_ntohs((uint16_t)ctx->local_port),
        .remote_port = bpf_ntohs((uint16_t)ctx->remote_port),
        .events = 1,
        .protocol = ctx->protocol,
    };
    bpf_map_update_elem(&flows, &flow, &fresh, BPF_NOEXIST);
    return 0;
}

char LICENSE[] SEC("license") = "MIT";

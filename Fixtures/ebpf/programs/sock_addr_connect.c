// ntsh fixture: sock_addr connect programs for IPv4 and IPv6 that reject connections to blocked
// ports and count connections per process (bpf_get_current_pid_tgid is sock_addr's own).
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define AF_INET 2
#define AF_INET6 23

// Keys are ports in network order, as the context holds them.
struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint16_t);
    __type(value, uint32_t);
    __uint(max_entries, 16);
} blocked_ports SEC(".maps");

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 64);
} connections_by_pid SEC(".maps");

static __always_inline int
decide(bpf_sock_addr_t* ctx)
{
    uint32_t pid = (uint32_t)(bpf_get_current_pid_tgid() >> 32);
    uint64_t one = 1;
    uint64_t* connections = bpf_map_lookup_elem(&connections_by_pid, &pid);
    if (connections != NULL) {
        *connections += 1;
    } else {
        bpf_map_update_elem(&connections_by_pid, &pid, &one, BPF_ANY);
    }
    uint16_t port = ctx->user_port;
    uint32_t* blocked = bpf_map_lookup_elem(&blocked_ports, &port);
    if (blocked != NULL) {
        *blocked += 1;
        return BPF_SOCK_ADDR_VERDICT_REJECT;
    }
    return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

SEC("cgroup/connect4")
int connect_v4(bpf_sock_addr_t* ctx)
{
    return ctx->family == AF_INET ? decide(ctx) : BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

SEC("cgroup/connect6")
int connect_v6(bpf_sock_addr_t* ctx)
{
    return ctx->family == AF_INET6 ? decide(ctx) : BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

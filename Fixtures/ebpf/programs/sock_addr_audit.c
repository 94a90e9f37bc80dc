// ntsh fixture: a connect-authorization program that records, per socket cookie, who connects
// (sock_addr's own pid and is-admin helpers) over which kind of interface (the network context).
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

typedef struct _connection_record
{
    uint32_t pid;
    int32_t is_admin;
    uint32_t interface_type;
    uint16_t remote_port; // host order
    uint16_t reserved;
} connection_record_t;

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint64_t);
    __type(value, connection_record_t);
    __uint(max_entries, 64);
} connections SEC(".maps");

SEC("cgroup/connect_authorization4")
int audit_connections(bpf_sock_addr_t* ctx)
{
    uint64_t cookie = bpf_get_socket_cookie(ctx);
    bpf_sock_addr_network_context_t network = {0};
    connection_record_t record = {
        .pid = (uint32_t)(bpf_get_current_pid_tgid() >> 32),
        .is_admin = bpf_is_current_admin(ctx),
        .remote_port = bpf_ntohs(ctx->user_port),
    };
    if (bpf_sock_addr_get_network_context(ctx, &network, sizeof(network)) == 0) {
        record.interface_type = network.interface_type;
    }
    bpf_map_update_elem(&connections, &cookie, &record, BPF_ANY);
    return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

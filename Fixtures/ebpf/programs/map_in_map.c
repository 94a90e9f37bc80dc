// ntsh fixture: an array of maps with a BTF initialiser; the outer index is the protocol (TCP 0,
// UDP 1) and each inner array counts the bind operations.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define IPPROTO_UDP 17

struct operation_counts
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 3);
};

struct operation_counts tcp_operations SEC(".maps");
struct operation_counts udp_operations SEC(".maps");

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
    __type(key, uint32_t);
    __uint(max_entries, 2);
    __array(values, struct operation_counts);
} operations_by_protocol SEC(".maps") = {
    .values = {&tcp_operations, &udp_operations},
};

SEC("bind")
bind_action_t count_operations(bind_md_t* ctx)
{
    uint32_t protocol_index = ctx->protocol == IPPROTO_UDP ? 1 : 0;
    void* inner = bpf_map_lookup_elem(&operations_by_protocol, &protocol_index);
    if (inner == NULL) {
        return BIND_PERMIT_SOFT;
    }
    uint32_t operation = ctx->operation;
    uint64_t* count = bpf_map_lookup_elem(inner, &operation);
    if (count != NULL) {
        *count += 1;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

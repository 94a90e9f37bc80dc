// ntsh fixture: maps declared the legacy way, as `struct bpf_map_def` in a `maps` section with
// eBPF for Windows' layout — including a map of maps whose inner template is given by its index in
// the section (inner_map_idx) and a program array filled at run time.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

// Map 0: binds per port (host order).
struct bpf_map_def SEC("maps") port_binds = {
    .type = BPF_MAP_TYPE_HASH,
    .key_size = sizeof(uint16_t),
    .value_size = sizeof(uint64_t),
    .max_entries = 64,
};

// Map 1: the shape of the inner maps of map 2.
struct bpf_map_def SEC("maps") protocol_template = {
    .type = BPF_MAP_TYPE_ARRAY,
    .key_size = sizeof(uint32_t),
    .value_size = sizeof(uint64_t),
    .max_entries = 1,
};

// Map 2: per-protocol counters, filled with maps shaped like map 1.
struct bpf_map_def SEC("maps") per_protocol = {
    .type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
    .key_size = sizeof(uint32_t),
    .value_size = sizeof(uint32_t),
    .max_entries = 2,
    .inner_map_idx = 1,
};

// Map 3: an optional follow-up program.
struct bpf_map_def SEC("maps") follow_up = {
    .type = BPF_MAP_TYPE_PROG_ARRAY,
    .key_size = sizeof(uint32_t),
    .value_size = sizeof(uint32_t),
    .max_entries = 1,
};

SEC("bind")
bind_action_t count_legacy(bind_md_t* ctx)
{
    if (ctx->operation != BIND_OPERATION_BIND) {
        return BIND_PERMIT_SOFT;
    }
    uint16_t port = bpf_ntohs(*(uint16_t*)&ctx->socket_address[2]);
    uint64_t* binds = bpf_map_lookup_elem(&port_binds, &port);
    if (binds != NULL) {
        *binds += 1;
    } else {
        uint64_t one = 1;
        bpf_map_update_elem(&port_binds, &port, &one, BPF_NOEXIST);
    }
    uint32_t protocol_index = ctx->protocol == 17 ? 1 : 0;
    struct bpf_map* inner = bpf_map_lookup_elem(&per_protocol, &protocol_index);
    if (inner != NULL) {
        uint32_t zero = 0;
        uint64_t* count = bpf_map_lookup_elem(inner, &zero);
        if (count != NULL) {
            *count += 1;
        }
    }
    bpf_tail_call(ctx, &follow_up, 0);
    return BIND_PERMIT_SOFT;
}

SEC("bind/follow_up")
bind_action_t follow_up_program(bind_md_t* ctx)
{
    return BIND_PERMIT_HARD;
}

char LICENSE[] SEC("license") = "MIT";

// ntsh fixture: BPF-to-BPF calls. The hook calls two non-inlined functions, one of which calls a
// third; the classification of each bind is counted.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

enum port_class
{
    PORT_WELL_KNOWN = 0,
    PORT_REGISTERED = 1,
    PORT_DYNAMIC = 2,
};

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 3);
} port_classes SEC(".maps");

static __noinline uint32_t
port_of(const bind_md_t* ctx)
{
    return bpf_ntohs(*(const uint16_t*)&ctx->socket_address[2]);
}

static __noinline uint32_t
class_of(uint32_t port)
{
    if (port < 1024) {
        return PORT_WELL_KNOWN;
    }
    return port < 49152 ? PORT_REGISTERED : PORT_DYNAMIC;
}

static __noinline int
count_class(const bind_md_t* ctx)
{
    uint32_t class = class_of(port_of(ctx));
    uint64_t* count = bpf_map_lookup_elem(&port_classes, &class);
    if (count == NULL) {
        return -1;
    }
    *count += 1;
    return (int)class;
}

SEC("bind")
bind_action_t classify_ports(bind_md_t* ctx)
{
    if (ctx->operation == BIND_OPERATION_BIND && count_class(ctx) < 0) {
        return BIND_DENY;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

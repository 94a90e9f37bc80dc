// ntsh fixture: the map types the other fixtures leave out, on the bind hook. A hash of maps picks
// the port table of the bind's protocol (filled by the object's own initialiser); per-CPU hashes,
// one of them LRU, count binds per process and per port; every bind is announced on a perf event
// array, with the app id appended from the context's data.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct port_table
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint16_t);
    __type(value, uint32_t); // non-zero: refuse binds to this port
    __uint(max_entries, 16);
};

struct port_table tcp_ports SEC(".maps");
struct port_table udp_ports SEC(".maps");

struct
{
    __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
    __type(key, uint32_t);
    __uint(max_entries, 32);
    __array(values, struct port_table);
} ports_by_protocol SEC(".maps") = {
    .values = {[6] = &tcp_ports, [17] = &udp_ports},
};

struct
{
    __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
    __type(key, uint32_t);   // process id
    __type(value, uint64_t); // binds seen on this CPU
    __uint(max_entries, 64);
} binds_per_process SEC(".maps");

struct
{
    __uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
    __type(key, uint16_t);   // port
    __type(value, uint64_t); // binds seen on this CPU
    __uint(max_entries, 4);
} recent_ports SEC(".maps");

struct
{
    __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
    __uint(max_entries, 4096); // bytes per CPU ring
} bind_announcements SEC(".maps");

struct bind_announcement
{
    uint32_t process_id;
    uint16_t port;
    uint8_t protocol;
    uint8_t refused;
};

static __always_inline void
count(void* map, void* key)
{
    uint64_t one = 1;
    uint64_t* seen = bpf_map_lookup_elem(map, key);
    if (seen != NULL) {
        *seen += 1;
    } else {
        bpf_map_update_elem(map, key, &one, BPF_NOEXIST);
    }
}

SEC("bind")
bind_action_t watch_ports(bind_md_t* ctx)
{
    if (ctx->operation != BIND_OPERATION_BIND) {
        return BIND_PERMIT_SOFT;
    }
    // socket_address holds a SOCKADDR_IN: the port is at offset 2, in network byte order.
    uint16_t port = (uint16_t)(ctx->socket_address[2] << 8 | ctx->socket_address[3]);
    uint32_t pid = (uint32_t)ctx->process_id;
    uint32_t protocol = ctx->protocol;
    count(&binds_per_process, &pid);
    count(&recent_ports, &port);

    uint8_t refused = 0;
    void* table = bpf_map_lookup_elem(&ports_by_protocol, &protocol);
    if (table != NULL) {
        uint32_t* rule = bpf_map_lookup_elem(table, &port);
        refused = rule != NULL && *rule != 0;
    }
    struct bind_announcement note = {pid, port, (uint8_t)protocol, refused};
    uint64_t app_id_length = (uint64_t)(ctx->app_id_end - ctx->app_id_start);
    bpf_perf_event_output(ctx, &bind_announcements, BPF_F_CURRENT_CPU | (app_id_length << 32), &note, sizeof(note));
    return refused ? BIND_DENY : BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

// ntsh fixture: remembers the last port of the four processes that bound most recently; older
// processes are evicted from the LRU map. An array counts every insertion of a new process.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __type(key, uint32_t);
    __type(value, uint32_t);
    __uint(max_entries, 4);
} recent_binders SEC(".maps");

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 1);
} new_binders SEC(".maps");

SEC("bind")
bind_action_t remember_binders(bind_md_t* ctx)
{
    if (ctx->operation != BIND_OPERATION_BIND) {
        return BIND_PERMIT_SOFT;
    }
    uint32_t pid = (uint32_t)ctx->process_id;
    uint32_t port = bpf_ntohs(*(uint16_t*)&ctx->socket_address[2]);
    uint32_t* last_port = bpf_map_lookup_elem(&recent_binders, &pid);
    if (last_port != NULL) {
        *last_port = port;
        return BIND_PERMIT_SOFT;
    }
    if (bpf_map_update_elem(&recent_binders, &pid, &port, BPF_NOEXIST) == 0) {
        uint32_t zero = 0;
        uint64_t* count = bpf_map_lookup_elem(&new_binders, &zero);
        if (count != NULL) {
            *count += 1;
        }
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

// ntsh fixture: counts each process's binds and unbinds and keeps the start of its app id.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define NAME_BYTES 64

typedef struct _bind_stats
{
    uint64_t binds;
    uint64_t unbinds;
    uint32_t pid;
    uint32_t name_length;
    uint8_t name[NAME_BYTES];
} bind_stats_t;

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint32_t);
    __type(value, bind_stats_t);
    __uint(max_entries, 256);
} bind_stats SEC(".maps");

SEC("bind")
bind_action_t count_binds(bind_md_t* ctx)
{
    uint32_t pid = (uint32_t)ctx->process_id;
    bind_stats_t* stats = bpf_map_lookup_elem(&bind_stats, &pid);
    if (stats == NULL) {
        bind_stats_t fresh = {0};
        uint64_t length = ctx->app_id_end - ctx->app_id_start;
        if (length > NAME_BYTES) {
            length = NAME_BYTES;
        }
        fresh.pid = pid;
        fresh.name_length = (uint32_t)length;
        memcpy(fresh.name, ctx->app_id_start, length);
        if (bpf_map_update_elem(&bind_stats, &pid, &fresh, BPF_NOEXIST) != 0) {
            return BIND_PERMIT_SOFT;
        }
        stats = bpf_map_lookup_elem(&bind_stats, &pid);
        if (stats == NULL) {
            return BIND_PERMIT_SOFT;
        }
    }
    if (ctx->operation == BIND_OPERATION_BIND) {
        stats->binds++;
    } else if (ctx->operation == BIND_OPERATION_UNBIND) {
        stats->unbinds++;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

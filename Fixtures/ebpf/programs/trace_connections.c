// ntsh fixture: the walk-through's connection tracer, written for ntsh. Every bind adds one to the
// binding process's entry in proc_map; a process seen for the first time gets an entry with its id
// and the first 32 bytes of its app id (UTF-16LE, as the bind hook hands it over).
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define NAME_SIZE 32

typedef struct _process_info
{
    uint32_t id;
    char name[NAME_SIZE];
    uint32_t count;
} process_info;

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint32_t);
    __type(value, process_info);
    __uint(max_entries, 1024);
} proc_map SEC(".maps");

SEC("bind")
bind_action_t TraceConnections(bind_md_t* ctx)
{
    if (ctx->operation != BIND_OPERATION_BIND) {
        return BIND_PERMIT;
    }
    uint32_t key = (uint32_t)ctx->process_id;
    process_info entry = {0};
    process_info* seen = bpf_map_lookup_elem(&proc_map, &key);
    if (seen == NULL) {
        uint64_t app_id_length = ctx->app_id_end - ctx->app_id_start;
        entry.id = key;
        entry.count = 1;
        memcpy(entry.name, ctx->app_id_start, app_id_length < NAME_SIZE ? app_id_length : NAME_SIZE);
        seen = &entry;
    } else {
        seen->count++;
    }
    bpf_map_update_elem(&proc_map, &key, seen, BPF_ANY);
    return BIND_PERMIT;
}

char LICENSE[] SEC("license") = "MIT";

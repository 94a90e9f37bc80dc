// ntsh fixture: refuses binds from applications whose app id is listed in a map — the exercise the
// eBPF for Windows walk-through leaves to the reader. The key is the app id's first 64 bytes,
// zero-padded; the value counts refusals.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define NAME_BYTES 64

typedef struct _app_name
{
    uint8_t bytes[NAME_BYTES];
} app_name_t;

struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, app_name_t);
    __type(value, uint32_t);
    __uint(max_entries, 32);
} denied_apps SEC(".maps");

// Index 0 counts permitted binds, index 1 refused ones.
struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 2);
} verdict_counts SEC(".maps");

static __always_inline void
count_verdict(uint32_t index)
{
    uint64_t* counter = bpf_map_lookup_elem(&verdict_counts, &index);
    if (counter != NULL) {
        *counter += 1;
    }
}

SEC("bind")
bind_action_t deny_listed_apps(bind_md_t* ctx)
{
    if (ctx->operation != BIND_OPERATION_BIND) {
        return BIND_PERMIT_SOFT;
    }
    app_name_t name = {0};
    uint64_t length = ctx->app_id_end - ctx->app_id_start;
    if (length > NAME_BYTES) {
        length = NAME_BYTES;
    }
    memcpy(name.bytes, ctx->app_id_start, length);
    uint32_t* refusals = bpf_map_lookup_elem(&denied_apps, &name);
    if (refusals != NULL) {
        __sync_fetch_and_add(refusals, 1);
        count_verdict(1);
        return BIND_DENY;
    }
    count_verdict(0);
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

// ntsh fixture: reports every bind operation as a record in a ring buffer.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

#define APP_BYTES 32

typedef struct _bind_event
{
    uint32_t pid;
    uint16_t port; // host order
    uint8_t protocol;
    uint8_t operation;
    uint32_t app_length;
    uint8_t app[APP_BYTES];
} bind_event_t;

struct
{
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 64 * 1024);
} bind_events SEC(".maps");

SEC("bind")
bind_action_t report_binds(bind_md_t* ctx)
{
    bind_event_t event = {0};
    event.pid = (uint32_t)ctx->process_id;
    // sockaddr_in: family (2 bytes), then the port in network order.
    event.port = (uint16_t)(ctx->socket_address[2] << 8 | ctx->socket_address[3]);
    event.protocol = ctx->protocol;
    event.operation = (uint8_t)ctx->operation;
    uint64_t length = ctx->app_id_end - ctx->app_id_start;
    if (length > APP_BYTES) {
        length = APP_BYTES;
    }
    event.app_length = (uint32_t)length;
    memcpy(event.app, ctx->app_id_start, length);
    bpf_ringbuf_output(&bind_events, &event, sizeof(event), 0);
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

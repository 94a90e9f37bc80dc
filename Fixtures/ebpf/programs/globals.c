// ntsh fixture: global variables in .data, .bss and .rodata, which the loader turns into
// one-entry array maps. Binds to the port in `denied_port` are refused once `limit` were allowed.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

// .rodata: read-only, initialised.
const volatile uint32_t limit = 3;
// .data: writable, initialised.
uint32_t denied_port = 8080;
// .bss: writable, zero.
uint64_t binds_seen;
uint32_t last_pid;

SEC("bind")
bind_action_t limit_port(bind_md_t* ctx)
{
    if (ctx->operation != BIND_OPERATION_BIND) {
        return BIND_PERMIT_SOFT;
    }
    binds_seen++;
    last_pid = (uint32_t)ctx->process_id;
    uint16_t port = bpf_ntohs(*(uint16_t*)&ctx->socket_address[2]);
    if (port == denied_port && binds_seen > limit) {
        return BIND_DENY;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

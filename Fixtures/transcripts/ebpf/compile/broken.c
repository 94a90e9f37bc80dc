// A bind program with a deliberate mistake for the compile transcript: IPPROTO_UDP is never defined.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
bind_action_t deny_udp(bind_md_t* ctx)
{
    return ctx->protocol == IPPROTO_UDP ? BIND_DENY : BIND_PERMIT;
}

char LICENSE[] SEC("license") = "MIT";

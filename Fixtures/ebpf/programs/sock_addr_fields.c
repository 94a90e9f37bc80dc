// ntsh fixture: what the sock_addr hooks hand a program. Each program copies its context's
// addresses (as bytes), ports (in host order) and protocol into `seen` under its own slot (bind4,
// bind6, listen4, connect4), so a transcript shows which side of the socket each layer puts where.
// Every program also tries to leave a redirect context for a proxy and keeps what
// bpf_sock_addr_set_redirect_context returned: only the connect layer takes one.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct seen_context
{
    uint32_t family;
    uint8_t msg_src_ip[16];
    uint16_t msg_src_port;
    uint16_t user_port;
    uint8_t user_ip[16];
    uint32_t protocol;
    int32_t redirect_result;
};

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t); // 0 bind4, 1 bind6, 2 listen4, 3 connect4
    __type(value, struct seen_context);
    __uint(max_entries, 4);
} seen SEC(".maps");

struct proxy_note
{
    uint32_t original_ip;
    uint16_t original_port;
    uint16_t reserved;
};

static __always_inline void
record(bpf_sock_addr_t* ctx, uint32_t slot)
{
    struct seen_context* s = bpf_map_lookup_elem(&seen, &slot);
    if (s == NULL) {
        return;
    }
    s->family = ctx->family;
    s->msg_src_port = bpf_ntohs(ctx->msg_src_port);
    s->user_port = bpf_ntohs(ctx->user_port);
    s->protocol = ctx->protocol;
    __builtin_memcpy(s->msg_src_ip, ctx->msg_src_ip6, sizeof(s->msg_src_ip));
    __builtin_memcpy(s->user_ip, ctx->user_ip6, sizeof(s->user_ip));
    struct proxy_note note = {ctx->user_ip4, ctx->user_port, 0};
    s->redirect_result = bpf_sock_addr_set_redirect_context(ctx, &note, sizeof(note));
}

SEC("cgroup/bind4")
int seen_bind4(bpf_sock_addr_t* ctx)
{
    record(ctx, 0);
    return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

SEC("cgroup/bind6")
int seen_bind6(bpf_sock_addr_t* ctx)
{
    record(ctx, 1);
    return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

SEC("cgroup/listen4")
int seen_listen4(bpf_sock_addr_t* ctx)
{
    record(ctx, 2);
    return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

SEC("cgroup/connect4")
int seen_connect4(bpf_sock_addr_t* ctx)
{
    record(ctx, 3);
    return BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

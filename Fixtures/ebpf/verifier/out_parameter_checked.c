// verifier: accept
// A subprogram fills its out-parameter only when it returns 0; the caller reads it after checking
// the result. The paths meet at the subprogram's exit, so the written bytes are kept under a guard
// on r0, and the caller's test (a 32-bit signed one, as clang emits for int) proves them written.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct header
{
    uint16_t kind;
    uint16_t length;
    uint32_t id;
};

static __attribute__((noinline)) int read_header(uint8_t* data, uint8_t* end, struct header* out)
{
    if (data + sizeof(*out) > end) {
        return -1;
    }
    out->kind = *(uint16_t*)data;
    out->length = *(uint16_t*)(data + 2);
    out->id = *(uint32_t*)(data + 4);
    return 0;
}

SEC("xdp")
int parse_header(xdp_md_t* ctx)
{
    struct header h;
    if (read_header(ctx->data, ctx->data_end, &h) < 0) {
        return XDP_PASS;
    }
    return (h.kind ^ h.length ^ h.id) & 1 ? XDP_PASS : XDP_DROP;
}

// verifier: reject
// expect: 5: Stack content is not initialized (valid_access(r10.offset-8, width=2) for read)
// expect: 6: Stack content is not initialized (valid_access(r10.offset-6, width=2) for read)
// expect: 22: Uninitialized register (r0.type != uninit)
// The same subprogram, but the caller reads the out-parameter without checking the result: on a
// short packet nothing was written. (clang drops the unused result, so the subprogram also returns
// without setting r0.)
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
    read_header(ctx->data, ctx->data_end, &h);
    return (h.kind ^ h.length) & 1 ? XDP_PASS : XDP_DROP;
}

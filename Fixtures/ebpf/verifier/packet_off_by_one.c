// verifier: reject
// expect: 5: Upper bound must be at most packet_size (valid_access(r2.offset, width=1) for read)
// The check covers 14 bytes; the read is of byte 14.
#include <bpf_helpers.h>
#include <xdp_hooks.h>

SEC("xdp")
int off_by_one(xdp_md_t* ctx)
{
    uint8_t* data = (uint8_t*)ctx->data;
    if (data + 14 > (uint8_t*)ctx->data_end) {
        return XDP_PASS;
    }
    return data[14] == 0x45 ? XDP_PASS : XDP_DROP;
}

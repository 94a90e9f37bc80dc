// ntsh fixture: an XDP program that grows each packet at the front by four bytes with
// bpf_xdp_adjust_head and writes a tag there. The packet pointers are read again after the call
// (the helper moves the data); a packet that cannot grow (no headroom, or already at the largest
// size a hook hands over) is dropped.
#include <bpf_helpers.h>
#include <xdp_hooks.h>

SEC("xdp")
int tag_packet(xdp_md_t* ctx)
{
    if (bpf_xdp_adjust_head(ctx, -4) < 0) {
        return XDP_DROP;
    }
    uint8_t* data = (uint8_t*)(uintptr_t)ctx->data;
    uint8_t* end = (uint8_t*)(uintptr_t)ctx->data_end;
    if (data + 4 > end) {
        return XDP_DROP;
    }
    data[0] = 'n';
    data[1] = 't';
    data[2] = 's';
    data[3] = 'h';
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "MIT";

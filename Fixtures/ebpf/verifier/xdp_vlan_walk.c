// verifier: accept
// Skips up to four VLAN tags, checking each against the packet end before reading it.
#include <bpf_endian.h>
#include <bpf_helpers.h>
#include <xdp_hooks.h>

SEC("xdp")
int skip_vlans(xdp_md_t* ctx)
{
    uint8_t* data = (uint8_t*)ctx->data;
    uint8_t* end = (uint8_t*)ctx->data_end;
    if (data + 14 > end) {
        return XDP_PASS;
    }
    uint16_t type = *(uint16_t*)(data + 12);
    uint8_t* next = data + 14;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 4; i++) {
        if (type != bpf_htons(0x8100)) {
            break;
        }
        if (next + 4 > end) {
            return XDP_DROP;
        }
        type = *(uint16_t*)(next + 2);
        next += 4;
    }
    return type == bpf_htons(0x0800) ? XDP_PASS : XDP_DROP;
}

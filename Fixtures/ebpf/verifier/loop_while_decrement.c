// verifier: accept
// loops: 12
// `while (n--)`: clang tests the old value against zero, then decrements.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int drain(bind_md_t* ctx)
{
    uint32_t n = 12;
    uint64_t h = ctx->process_id;
#pragma clang loop unroll(disable)
    while (n--) {
        h = h * 33 + n;
    }
    return (int)(h >> 3) & 1;
}

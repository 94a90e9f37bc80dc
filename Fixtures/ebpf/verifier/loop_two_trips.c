// verifier: accept
// loops: 2
// A two-trip loop that clang turns into a flag: the flag starts at 1, the body clears it, and the
// back edge is taken while the masked old flag is non-zero.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int twice(bind_md_t* ctx)
{
    uint64_t h = ctx->process_id;
#pragma clang loop unroll(disable)
    for (int round = 0; round < 2; round++) {
        h = h * 131 + (uint64_t)round;
    }
    return (int)(h >> 5) & 1;
}

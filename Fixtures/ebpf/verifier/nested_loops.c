// verifier: accept
// loops: 32
// Nested counted loops (4 x 8); the inner head is entered 32 times in one run.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int nested(bind_md_t* ctx)
{
    uint64_t acc = ctx->process_id;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 4; i++) {
#pragma clang loop unroll(disable)
        for (int j = 0; j < 8; j++) {
            acc = acc * 31 + (uint64_t)(i ^ j);
        }
    }
    return (int)(acc & 1);
}

// verifier: accept
// loops: 16
// A counted loop over a stack array that clang keeps as a loop (unrolling disabled): its exit test
// is `!=` against the trip count.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int sum_stack(bind_md_t* ctx)
{
    uint8_t bytes[16];
    for (int i = 0; i < 16; i++) {
        bytes[i] = (uint8_t)(ctx->process_id >> (i & 7));
    }
    uint32_t sum = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 16; i++) {
        sum += bytes[i];
    }
    return sum & 1;
}

// verifier: reject
// expect: 3: Loop counter is too large (pc[3] < 100000)
// Two nested loops of 400 trips each: each is under the loop limit, but the inner head is reached
// 160,000 times in one run, over the 100,000 limit.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int grid(bind_md_t* ctx)
{
    uint64_t acc = ctx->process_id;
#pragma clang loop unroll(disable)
    for (int row = 0; row < 400; row++) {
#pragma clang loop unroll(disable)
        for (int col = 0; col < 400; col++) {
            acc = acc * 31 + (uint64_t)(row ^ col);
        }
    }
    return (int)(acc & 1);
}

// verifier: accept
// loops: 20
// A loop whose index counts down to zero: the counter relates to the index through the countdown
// (counter + i stays constant, which a difference bound can only state with the counter negated).
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int count_down(bind_md_t* ctx)
{
    uint64_t h = ctx->process_id;
#pragma clang loop unroll(disable)
    for (int left = 20; left > 0; left--) {
        h = (h ^ (uint64_t)left) * 1099511628211ull;
    }
    return (int)(h & 1);
}

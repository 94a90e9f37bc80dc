#include <bpf_helpers.h>
#include <ebpf_nethooks.h>
SEC("bind")
int loop_50k(bind_md_t* ctx)
{
    uint64_t acc = ctx->process_id;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 50000; i++) acc = acc * 13 + i;
    return (int)(acc >> 7);
}

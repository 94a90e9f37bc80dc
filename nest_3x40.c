#include <bpf_helpers.h>
#include <ebpf_nethooks.h>
SEC("bind")
int nest_3x40(bind_md_t* ctx)
{
    uint64_t acc = ctx->process_id;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 40; i++)
#pragma clang loop unroll(disable)
      for (int j = 0; j < 40; j++)
#pragma clang loop unroll(disable)
        for (int k = 0; k < 40; k++) acc = acc * 13 + (i ^ j ^ k);
    return (int)(acc >> 7);
}

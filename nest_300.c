#include <bpf_helpers.h>
#include <ebpf_nethooks.h>
SEC("bind")
int nest_300(bind_md_t* ctx)
{
    uint64_t acc = ctx->process_id;
#pragma clang loop unroll(disable)
    for (int i = 0; i < 300; i++)
#pragma clang loop unroll(disable)
      for (int j = 0; j < 300; j++) acc = acc * 13 + (i ^ j);
    return (int)(acc >> 7);
}

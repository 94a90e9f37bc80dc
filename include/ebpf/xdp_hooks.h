// ntsh program-side headers: the XDP hook as eBPF for Windows declares it (program type "xdp").
#ifndef NTSH_XDP_HOOKS_H
#define NTSH_XDP_HOOKS_H

#include "bpf_helpers_platform.h"

// 32 bytes; data/data_end bound the packet, data_meta is the verifier's meta offset.
typedef struct xdp_md
{
    void* data;               // @0
    void* data_end;           // @8
    uint64_t data_meta;       // @16
    uint32_t ingress_ifindex; // @24
} xdp_md_t;

// There is no XDP_ABORTED on Windows.
typedef enum _xdp_action
{
    XDP_PASS = 1,
    XDP_DROP = 2,
    XDP_TX = 3,
} xdp_action_t;

typedef enum
{
    BPF_FUNC_xdp_adjust_head = 0xFFFF + 1,
} ebpf_xdp_helper_id_t;

// Moves the start of the packet by delta bytes (negative grows the headroom).
static int (*const bpf_xdp_adjust_head)(xdp_md_t* ctx, int delta)
    __attribute__((unused)) = (int (*)(xdp_md_t*, int))(uintptr_t)BPF_FUNC_xdp_adjust_head;

#endif

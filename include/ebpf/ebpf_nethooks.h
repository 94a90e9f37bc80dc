// ntsh program-side headers: the network hooks of eBPF for Windows (netebpfext) — bind, sock_addr and
// sock_ops contexts, their verdicts and their program-type-specific helpers. XDP is in xdp_hooks.h,
// included here as well for programs written against releases that declared it in this header.
#ifndef NTSH_EBPF_NETHOOKS_H
#define NTSH_EBPF_NETHOOKS_H

#include "bpf_helpers_platform.h"

// ---- bind (program type "bind", section "bind") ----

typedef enum _bind_operation
{
    BIND_OPERATION_BIND = 0,      // A socket is about to bind.
    BIND_OPERATION_POST_BIND = 1, // The port was allocated.
    BIND_OPERATION_UNBIND = 2,    // The port is released.
} bind_operation_t;

// 56 bytes; app_id_start/app_id_end bound the process's application id (the verifier's data/end).
typedef struct _bind_md
{
    uint8_t* app_id_start;          // @0
    uint8_t* app_id_end;            // @8
    uint64_t process_id;            // @16
    uint8_t socket_address[16];     // @24, raw sockaddr bytes
    uint8_t socket_address_length;  // @40
    bind_operation_t operation;     // @44
    uint8_t protocol;               // @48, IPPROTO_TCP, IPPROTO_UDP, ...
} bind_md_t;

// The bind verdict. BIND_PERMIT is the name older releases used for the soft permit.
typedef enum _bind_action
{
    BIND_PERMIT_SOFT = 0,
    BIND_DENY = 1,
    BIND_REDIRECT = 2,
    BIND_PERMIT_HARD = 3,
    BIND_PERMIT = BIND_PERMIT_SOFT,
} bind_action_t;

// ---- sock_addr (program type "sock_addr", sections cgroup/connect4 ...) ----

// 64 bytes. Addresses and ports are in network byte order.
typedef struct bpf_sock_addr
{
    uint32_t family; // @0
    union
    {
        uint32_t msg_src_ip4;    // @4
        uint32_t msg_src_ip6[4];
    };
    uint16_t msg_src_port; // @20
    union
    {
        uint32_t user_ip4;       // @24
        uint32_t user_ip6[4];
    };
    uint16_t user_port;      // @40
    uint32_t protocol;       // @44
    uint32_t compartment_id; // @48
    uint64_t interface_luid; // @56
} bpf_sock_addr_t;

typedef enum _ebpf_sock_addr_verdict
{
    BPF_SOCK_ADDR_VERDICT_REJECT = 0,
    BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT = 1,
    BPF_SOCK_ADDR_VERDICT_PROCEED_HARD = 2,
    BPF_SOCK_ADDR_VERDICT_PROCEED = BPF_SOCK_ADDR_VERDICT_PROCEED_SOFT,
} ebpf_sock_addr_verdict_t;

// What bpf_sock_addr_get_network_context fills in (32 bytes, version 1).
typedef struct _bpf_sock_addr_network_context
{
    uint32_t version;                  // @0
    uint32_t interface_type;           // @4
    uint32_t tunnel_type;              // @8
    uint64_t next_hop_interface_luid;  // @16
    uint32_t sub_interface_index;      // @24
} bpf_sock_addr_network_context_t;

typedef enum
{
    BPF_FUNC_sock_addr_get_current_pid_tgid = EBPF_MAX_GENERAL_HELPER_FUNCTION + 1, // declared, not registered
    BPF_FUNC_sock_addr_set_redirect_context = EBPF_MAX_GENERAL_HELPER_FUNCTION + 2,
    BPF_FUNC_sock_addr_get_network_context = EBPF_MAX_GENERAL_HELPER_FUNCTION + 3,
} ebpf_sock_addr_helper_id_t;

static int (*const bpf_sock_addr_set_redirect_context)(bpf_sock_addr_t* ctx, void* data, uint32_t data_size)
    __attribute__((unused)) = (int (*)(bpf_sock_addr_t*, void*, uint32_t))(uintptr_t)BPF_FUNC_sock_addr_set_redirect_context;
static int (*const bpf_sock_addr_get_network_context)(bpf_sock_addr_t* ctx, void* out, uint32_t out_size)
    __attribute__((unused)) = (int (*)(bpf_sock_addr_t*, void*, uint32_t))(uintptr_t)BPF_FUNC_sock_addr_get_network_context;

// ---- sock_ops (program type "sockops", section "sockops") ----

typedef enum _bpf_sock_op_type
{
    BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB = 0,
    BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB = 1,
    BPF_SOCK_OPS_CONNECTION_DELETED_CB = 2,
} bpf_sock_op_type_t;

// 64 bytes.
typedef struct bpf_sock_ops
{
    bpf_sock_op_type_t op; // @0
    uint32_t family;       // @4
    union
    {
        uint32_t local_ip4;    // @8
        uint32_t local_ip6[4];
    };
    uint32_t local_port; // @24
    union
    {
        uint32_t remote_ip4;   // @28
        uint32_t remote_ip6[4];
    };
    uint32_t remote_port;    // @44
    uint8_t protocol;        // @48
    uint32_t compartment_id; // @52
    uint64_t interface_luid; // @56
} bpf_sock_ops_t;

typedef enum
{
    BPF_FUNC_sock_ops_get_flow_id = EBPF_MAX_GENERAL_HELPER_FUNCTION + 1,
} ebpf_sock_ops_helper_id_t;

static uint64_t (*const bpf_sock_ops_get_flow_id)(bpf_sock_ops_t* ctx)
    __attribute__((unused)) = (uint64_t (*)(bpf_sock_ops_t*))(uintptr_t)BPF_FUNC_sock_ops_get_flow_id;

#include "xdp_hooks.h"

#endif

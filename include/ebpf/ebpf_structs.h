// ntsh program-side headers: enumerations and the legacy map layout of eBPF for Windows.
// Numbering follows eBPF for Windows, which differs from Linux (e.g. helper 5 is bpf_tail_call here).
#ifndef NTSH_EBPF_STRUCTS_H
#define NTSH_EBPF_STRUCTS_H

#include "bpf_helpers_platform.h"

#define BPF_OBJ_NAME_LEN 64
#define EBPF_MAX_PIN_PATH_LENGTH 256

// Map types. Per-CPU: PERCPU_HASH, PERCPU_ARRAY, LRU_PERCPU_HASH, PERF_EVENT_ARRAY.
typedef enum bpf_map_type
{
    BPF_MAP_TYPE_UNSPEC = 0,
    BPF_MAP_TYPE_HASH = 1,
    BPF_MAP_TYPE_ARRAY = 2,
    BPF_MAP_TYPE_PROG_ARRAY = 3,
    BPF_MAP_TYPE_PERCPU_HASH = 4,
    BPF_MAP_TYPE_PERCPU_ARRAY = 5,
    BPF_MAP_TYPE_HASH_OF_MAPS = 6,
    BPF_MAP_TYPE_ARRAY_OF_MAPS = 7,
    BPF_MAP_TYPE_LRU_HASH = 8,
    BPF_MAP_TYPE_LPM_TRIE = 9,
    BPF_MAP_TYPE_QUEUE = 10,
    BPF_MAP_TYPE_LRU_PERCPU_HASH = 11,
    BPF_MAP_TYPE_STACK = 12,
    BPF_MAP_TYPE_RINGBUF = 13,
    BPF_MAP_TYPE_PERF_EVENT_ARRAY = 14,
    BPF_MAP_TYPE_SAMPLE_HASH_MAP = 15,
    BPF_MAP_TYPE_XSKMAP = 16,
    BPF_MAP_TYPE_MAX = 17,
} ebpf_map_type_t;

// Program types.
typedef enum bpf_prog_type
{
    BPF_PROG_TYPE_UNSPEC = 0,
    BPF_PROG_TYPE_XDP = 1,
    BPF_PROG_TYPE_BIND = 2,
    BPF_PROG_TYPE_CGROUP_SOCK_ADDR = 3,
    BPF_PROG_TYPE_SOCK_OPS = 4,
    BPF_PROG_TYPE_NETEVENT = 5,
    BPF_PROG_TYPE_PROCESS = 6,
    BPF_PROG_TYPE_SAMPLE = 999,
} bpf_prog_type_t;

// Attach types (9 is unused).
typedef enum bpf_attach_type
{
    BPF_ATTACH_TYPE_UNSPEC = 0,
    BPF_XDP = 1,
    BPF_ATTACH_TYPE_BIND = 2,
    BPF_CGROUP_INET4_CONNECT = 3,
    BPF_CGROUP_INET6_CONNECT = 4,
    BPF_CGROUP_INET4_RECV_ACCEPT = 5,
    BPF_CGROUP_INET6_RECV_ACCEPT = 6,
    BPF_CGROUP_SOCK_OPS = 7,
    BPF_ATTACH_TYPE_SAMPLE = 8,
    BPF_ATTACH_TYPE_NETEVENT = 10,
    BPF_ATTACH_TYPE_PROCESS = 11,
    BPF_CGROUP_INET4_CONNECT_AUTHORIZATION = 12,
    BPF_CGROUP_INET6_CONNECT_AUTHORIZATION = 13,
    BPF_CGROUP_INET4_BIND = 14,
    BPF_CGROUP_INET6_BIND = 15,
    BPF_CGROUP_INET4_LISTEN = 16,
    BPF_CGROUP_INET6_LISTEN = 17,
    __MAX_BPF_ATTACH_TYPE = 18,
} bpf_attach_type_t;

typedef enum bpf_link_type
{
    BPF_LINK_TYPE_UNSPEC = 0,
    BPF_LINK_TYPE_PLAIN = 1,
    BPF_LINK_TYPE_CGROUP = 2,
    BPF_LINK_TYPE_XDP = 3,
} bpf_link_type_t;

// Global helper ids, the same for every program type.
typedef enum
{
    BPF_FUNC_map_lookup_elem = 1,
    BPF_FUNC_map_update_elem = 2,
    BPF_FUNC_map_delete_elem = 3,
    BPF_FUNC_map_lookup_and_delete_elem = 4,
    BPF_FUNC_tail_call = 5,
    BPF_FUNC_get_prandom_u32 = 6,
    BPF_FUNC_ktime_get_boot_ns = 7,
    BPF_FUNC_get_smp_processor_id = 8,
    BPF_FUNC_ktime_get_ns = 9,
    BPF_FUNC_csum_diff = 10,
    BPF_FUNC_ringbuf_output = 11,
    BPF_FUNC_trace_printk2 = 12,
    BPF_FUNC_trace_printk3 = 13,
    BPF_FUNC_trace_printk4 = 14,
    BPF_FUNC_trace_printk5 = 15,
    BPF_FUNC_map_push_elem = 16,
    BPF_FUNC_map_pop_elem = 17,
    BPF_FUNC_map_peek_elem = 18,
    BPF_FUNC_get_current_pid_tgid = 19,
    BPF_FUNC_get_current_logon_id = 20,
    BPF_FUNC_is_current_admin = 21,
    BPF_FUNC_memcpy_s = 22,
    BPF_FUNC_memcmp_s = 23,
    BPF_FUNC_memset = 24,
    BPF_FUNC_memmove_s = 25,
    BPF_FUNC_get_socket_cookie = 26,
    BPF_FUNC_strncpy_s = 27,
    BPF_FUNC_strncat_s = 28,
    BPF_FUNC_strnlen_s = 29,
    BPF_FUNC_ktime_get_boot_ms = 30,
    BPF_FUNC_ktime_get_ms = 31,
    BPF_FUNC_perf_event_output = 32,
    BPF_FUNC_get_current_process_start_key = 33,
    BPF_FUNC_get_current_thread_create_time = 34,
    BPF_FUNC_redirect_map = 35,
} ebpf_helper_id_t;

// Program-type-specific helper ids start above this value; each program type numbers its own from 65536.
#define EBPF_MAX_GENERAL_HELPER_FUNCTION 0xFFFF

// Update flags for bpf_map_update_elem and bpf_map_push_elem.
#define BPF_ANY 0
#define BPF_NOEXIST 1
#define BPF_EXIST 2

// bpf_perf_event_output flags: low 32 bits select the CPU, bits 32 and up ask for context data.
#define BPF_F_INDEX_MASK 0xffffffffULL
#define BPF_F_CURRENT_CPU BPF_F_INDEX_MASK
#define BPF_F_CTXLEN_MASK (0xfffffULL << 32)

typedef enum
{
    LIBBPF_PIN_NONE = 0,
    LIBBPF_PIN_BY_NAME = 1,
} ebpf_pin_type_t;

// A legacy map definition in a `maps` section: eight 32-bit fields, 32 bytes. The fifth field is the
// index of the inner map template in the same section (Linux has map_flags there).
typedef struct _ebpf_map_definition_in_file
{
    uint32_t type;
    uint32_t key_size;
    uint32_t value_size;
    uint32_t max_entries;
    uint32_t inner_map_idx;
    uint32_t pinning;
    uint32_t id;
    uint32_t inner_id;
} ebpf_map_definition_in_file_t;

#endif

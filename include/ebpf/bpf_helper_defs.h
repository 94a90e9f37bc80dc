// ntsh program-side headers: the global helper functions of eBPF for Windows (ids 1-35).
//
// Each helper is a constant function pointer whose value is the helper id, so clang emits `call <id>`.
#ifndef NTSH_BPF_HELPER_DEFS_H
#define NTSH_BPF_HELPER_DEFS_H

#include "ebpf_structs.h"

#define NTSH_HELPER(ret, name, id, args) \
    static ret(*const name) args __attribute__((unused)) = (ret(*) args)(uintptr_t)(id)

// Maps. Map-helper failures are negative ebpf_result_t codes, not errno values.
NTSH_HELPER(void*, bpf_map_lookup_elem, BPF_FUNC_map_lookup_elem, (void* map, const void* key));
NTSH_HELPER(int64_t, bpf_map_update_elem, BPF_FUNC_map_update_elem,
            (void* map, const void* key, const void* value, uint64_t flags));
NTSH_HELPER(int64_t, bpf_map_delete_elem, BPF_FUNC_map_delete_elem, (void* map, const void* key));
NTSH_HELPER(void*, bpf_map_lookup_and_delete_elem, BPF_FUNC_map_lookup_and_delete_elem, (void* map, const void* key));
NTSH_HELPER(int64_t, bpf_map_push_elem, BPF_FUNC_map_push_elem, (void* map, const void* value, uint64_t flags));
NTSH_HELPER(int64_t, bpf_map_pop_elem, BPF_FUNC_map_pop_elem, (void* map, void* value));
NTSH_HELPER(int64_t, bpf_map_peek_elem, BPF_FUNC_map_peek_elem, (void* map, void* value));

// Control flow: on success the caller returns at once and the target program runs with the same context.
NTSH_HELPER(int64_t, bpf_tail_call, BPF_FUNC_tail_call, (const void* ctx, const void* prog_array, uint32_t index));

// Time, randomness, processor.
NTSH_HELPER(uint32_t, bpf_get_prandom_u32, BPF_FUNC_get_prandom_u32, (void));
NTSH_HELPER(uint64_t, bpf_ktime_get_boot_ns, BPF_FUNC_ktime_get_boot_ns, (void));
NTSH_HELPER(uint64_t, bpf_ktime_get_ns, BPF_FUNC_ktime_get_ns, (void));
NTSH_HELPER(uint64_t, bpf_ktime_get_boot_ms, BPF_FUNC_ktime_get_boot_ms, (void));
NTSH_HELPER(uint64_t, bpf_ktime_get_ms, BPF_FUNC_ktime_get_ms, (void));
NTSH_HELPER(uint64_t, bpf_get_smp_processor_id, BPF_FUNC_get_smp_processor_id, (void));

// The current process and thread.
NTSH_HELPER(uint64_t, bpf_get_current_pid_tgid, BPF_FUNC_get_current_pid_tgid, (void));
NTSH_HELPER(uint64_t, bpf_get_current_logon_id, BPF_FUNC_get_current_logon_id, (const void* ctx));
NTSH_HELPER(int32_t, bpf_is_current_admin, BPF_FUNC_is_current_admin, (const void* ctx));
NTSH_HELPER(uint64_t, bpf_get_current_process_start_key, BPF_FUNC_get_current_process_start_key, (void));
NTSH_HELPER(int64_t, bpf_get_current_thread_create_time, BPF_FUNC_get_current_thread_create_time, (void));
NTSH_HELPER(uint64_t, bpf_get_socket_cookie, BPF_FUNC_get_socket_cookie, (void* ctx));

// Checksums and output.
NTSH_HELPER(int, bpf_csum_diff, BPF_FUNC_csum_diff, (void* from, int from_size, void* to, int to_size, int seed));
NTSH_HELPER(int, bpf_ringbuf_output, BPF_FUNC_ringbuf_output, (void* ring_buffer, void* data, uint64_t size, uint64_t flags));
NTSH_HELPER(int, bpf_perf_event_output, BPF_FUNC_perf_event_output,
            (void* ctx, void* map, uint64_t flags, void* data, uint64_t size));
NTSH_HELPER(intptr_t, bpf_redirect_map, BPF_FUNC_redirect_map, (void* map, uint64_t key, uint64_t flags));

// Memory and strings with explicit sizes: the verifier checks each size against its buffer.
NTSH_HELPER(long, bpf_memcpy_s, BPF_FUNC_memcpy_s, (void* dst, size_t dst_size, const void* src, size_t src_size));
NTSH_HELPER(int, bpf_memcmp_s, BPF_FUNC_memcmp_s, (const void* a, size_t a_size, const void* b, size_t b_size));
NTSH_HELPER(long, bpf_memset, BPF_FUNC_memset, (void* p, size_t size, int value));
NTSH_HELPER(long, bpf_memmove_s, BPF_FUNC_memmove_s, (void* dst, size_t dst_size, const void* src, size_t src_size));
NTSH_HELPER(long, bpf_strncpy_s, BPF_FUNC_strncpy_s, (char* dst, size_t dst_size, const char* src, size_t count));
NTSH_HELPER(long, bpf_strncat_s, BPF_FUNC_strncat_s, (char* dst, size_t dst_size, const char* src, size_t count));
NTSH_HELPER(size_t, bpf_strnlen_s, BPF_FUNC_strnlen_s, (const char* str, size_t str_size));

// The C library names become helper calls, so a copy whose length is known only at run time compiles.
#if defined(__clang__)
#define memcpy(dst, src, n) bpf_memcpy_s((dst), (n), (src), (n))
#define memmove(dst, src, n) bpf_memmove_s((dst), (n), (src), (n))
#define memcmp(a, b, n) bpf_memcmp_s((a), (n), (b), (n))
#define memset(p, value, n) bpf_memset((p), (n), (value))
#define memcpy_s bpf_memcpy_s
#define memmove_s bpf_memmove_s
#endif

// printk: helpers 12-15 take the format, its size (terminating NUL included) and 0-3 more arguments.
NTSH_HELPER(long, bpf_trace_printk2, BPF_FUNC_trace_printk2, (const char* fmt, uint32_t fmt_size));
NTSH_HELPER(long, bpf_trace_printk3, BPF_FUNC_trace_printk3, (const char* fmt, uint32_t fmt_size, uint64_t a3));
NTSH_HELPER(long, bpf_trace_printk4, BPF_FUNC_trace_printk4,
            (const char* fmt, uint32_t fmt_size, uint64_t a3, uint64_t a4));
NTSH_HELPER(long, bpf_trace_printk5, BPF_FUNC_trace_printk5,
            (const char* fmt, uint32_t fmt_size, uint64_t a3, uint64_t a4, uint64_t a5));

// Picks the helper by the number of extra arguments; a fourth extra argument does not compile.
#define NTSH_PRINTK_SELECT(_0, _1, _2, _3, helper, ...) helper
#define bpf_trace_printk(fmt, fmt_size, ...)                                                              \
    NTSH_PRINTK_SELECT(_, ##__VA_ARGS__, bpf_trace_printk5, bpf_trace_printk4, bpf_trace_printk3,         \
                       bpf_trace_printk2)(fmt, fmt_size, ##__VA_ARGS__)

// The format is copied to the stack, so the program needs no read-only data section for it.
#define bpf_printk(fmt, ...)                                                                              \
    ({                                                                                                    \
        char ____ntsh_fmt[] = fmt;                                                                        \
        bpf_trace_printk(____ntsh_fmt, sizeof(____ntsh_fmt), ##__VA_ARGS__);                              \
    })

#endif

// ntsh program-side headers: platform layer for eBPF programs written for eBPF for Windows.
// Written for ntsh; source-compatible with the headers eBPF for Windows ships (same names, ids, layouts).
//
// Fixed-width types come from the compiler's predefined macros rather than <stdint.h>, so a program
// builds with `clang -target bpf` on a host without 32-bit libc headers. Repeating a typedef with the
// same type is valid C11, so a program may still include <stdint.h> itself.
#ifndef NTSH_BPF_HELPERS_PLATFORM_H
#define NTSH_BPF_HELPERS_PLATFORM_H

typedef __INT8_TYPE__ int8_t;
typedef __INT16_TYPE__ int16_t;
typedef __INT32_TYPE__ int32_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __UINT64_TYPE__ uint64_t;
typedef __INTPTR_TYPE__ intptr_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef __SIZE_TYPE__ size_t;

#ifndef NULL
#define NULL ((void*)0)
#endif

// Linux-style short names used by programs shared with Linux.
typedef int32_t __s32;
typedef int64_t __s64;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef uint8_t __u8;
typedef uint16_t __be16;
typedef uint32_t __be32;
typedef uint32_t __wsum;

// `struct bpf_map*` in a program names the legacy in-file map definition.
#define bpf_map _ebpf_map_definition_in_file

// One byte in its own section marks the object as built for eBPF for Windows.
__attribute__((section(".ebpf_for_windows"), used, weak)) const char __ebpf_for_windows_tag = 0;

#endif

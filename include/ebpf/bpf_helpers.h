// ntsh program-side headers: the header an eBPF for Windows program includes first.
// Written for ntsh (see include/ebpf/README.md); source-compatible with eBPF for Windows' bpf_helpers.h.
#ifndef NTSH_BPF_HELPERS_H
#define NTSH_BPF_HELPERS_H

#include "bpf_helpers_platform.h"
#include "ebpf_structs.h"

// Places a function or a variable in an ELF section: SEC("bind"), SEC(".maps"), SEC("license").
#define SEC(name) __attribute__((section(name), used))

// BTF map definitions: each field is a pointer whose pointee type carries the value for the loader.
#define __uint(name, val) int(*name)[val]
#define __type(name, val) __typeof__(val)* name
#define __array(name, val) __typeof__(val)* name[]

// Legacy definitions: `struct bpf_map_def m SEC("maps") = {...};` uses the Windows layout.
#define bpf_map_def _ebpf_map_definition_in_file

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif

#include "ebpf_nethooks.h"
#include "bpf_helper_defs.h"

// Programs written for eBPF for Windows may test _WIN32; the real header defines it too.
#ifndef _WIN32
#define _WIN32 1
#endif

#endif

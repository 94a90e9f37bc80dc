// ntsh program-side headers: eBPF for Windows' sample extension (program type "sample", section
// "sample_ext"), the hook most of its own tests use.
#ifndef NTSH_SAMPLE_EXT_HELPERS_H
#define NTSH_SAMPLE_EXT_HELPERS_H

#include "bpf_helpers_platform.h"

// 32 bytes; data_start/data_end are the verifier's data/end.
typedef struct _sample_program_context
{
    uint8_t* data_start;    // @0
    uint8_t* data_end;      // @8
    uint32_t uint32_data;   // @16
    uint16_t uint16_data;   // @20
    uint32_t helper_data_1; // @24
    uint32_t helper_data_2; // @28
} sample_program_context_t;

typedef enum
{
    BPF_FUNC_sample_ebpf_extension_helper_function1 = 0xFFFF + 1,
    BPF_FUNC_sample_ebpf_extension_find = 0xFFFF + 2,
    BPF_FUNC_sample_ebpf_extension_replace = 0xFFFF + 3,
    BPF_FUNC_sample_ebpf_extension_helper_implicit_1 = 0xFFFF + 4,
    BPF_FUNC_sample_ebpf_extension_helper_implicit_2 = 0xFFFF + 5,
    BPF_FUNC_sample_ext_helper_map_lookup_element = 0xFFFF + 6,
    BPF_FUNC_sample_ext_helper_map_get_value = 0xFFFF + 7,
} ebpf_sample_helper_id_t;

#define NTSH_SAMPLE_HELPER(ret, name, args) \
    static ret(*const name) args __attribute__((unused)) = (ret(*) args)(uintptr_t)BPF_FUNC_##name

NTSH_SAMPLE_HELPER(int64_t, sample_ebpf_extension_helper_function1, (const sample_program_context_t* ctx));
NTSH_SAMPLE_HELPER(int64_t, sample_ebpf_extension_find, (const void* buffer, uint32_t size, const void* find, uint32_t find_size));
NTSH_SAMPLE_HELPER(int64_t, sample_ebpf_extension_replace,
                   (const void* buffer, uint32_t size, int64_t position, const void* replace, uint32_t replace_size));
NTSH_SAMPLE_HELPER(int64_t, sample_ebpf_extension_helper_implicit_1, (void));
NTSH_SAMPLE_HELPER(int64_t, sample_ebpf_extension_helper_implicit_2, (uint32_t argument));
NTSH_SAMPLE_HELPER(void*, sample_ext_helper_map_lookup_element, (void* map, const void* key));
NTSH_SAMPLE_HELPER(int64_t, sample_ext_helper_map_get_value, (void* map, const void* key, uint8_t* buffer, uint32_t size));

#endif

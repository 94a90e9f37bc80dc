// ntsh fixture: one bind program calling the general helpers no other fixture calls, each result
// kept in `results` under the helper's id, so `show entries results` shows what every helper gave:
// time and randomness (6-9, 30, 31), the caller (20, 33, 34), a checksum (10), map deletion (3, 4)
// and the memory and string helpers (23-25, 27-29) building a text in `texts`.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);  // helper id
    __type(value, int64_t); // what it returned the last time
    __uint(max_entries, 36);
} results SEC(".maps");

// Key 1 holds the previous bind's process id until the next bind takes it out.
struct
{
    __uint(type, BPF_MAP_TYPE_HASH);
    __type(key, uint32_t);
    __type(value, uint64_t);
    __uint(max_entries, 4);
} parked SEC(".maps");

struct text
{
    char greeting[16];
    char copy[16];
};

struct
{
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, uint32_t);
    __type(value, struct text);
    __uint(max_entries, 1);
} texts SEC(".maps");

static __always_inline void
keep(uint32_t helper, int64_t value)
{
    bpf_map_update_elem(&results, &helper, &value, BPF_ANY);
}

SEC("bind")
bind_action_t call_helpers(bind_md_t* ctx)
{
    if (ctx->operation != BIND_OPERATION_BIND) {
        return BIND_PERMIT_SOFT;
    }
    keep(6, bpf_get_prandom_u32());
    keep(7, (int64_t)bpf_ktime_get_boot_ns());
    keep(8, (int64_t)bpf_get_smp_processor_id());
    keep(9, (int64_t)bpf_ktime_get_ns());
    keep(30, (int64_t)bpf_ktime_get_boot_ms());
    keep(31, (int64_t)bpf_ktime_get_ms());
    keep(20, (int64_t)bpf_get_current_logon_id(ctx));
    keep(33, (int64_t)bpf_get_current_process_start_key());
    keep(34, bpf_get_current_thread_create_time());

    // Take the previous bind's process id (-1 when there was none), park this one, and delete a
    // key that is never there.
    uint32_t key = 1;
    uint64_t* previous = bpf_map_lookup_and_delete_elem(&parked, &key);
    keep(4, previous != NULL ? (int64_t)*previous : -1);
    uint64_t pid = ctx->process_id;
    bpf_map_update_elem(&parked, &key, &pid, BPF_ANY);
    key = 2;
    keep(3, bpf_map_delete_elem(&parked, &key));

    // The unfolded checksum of the socket address's first eight bytes (family, port, address).
    uint32_t words[2];
    __builtin_memcpy(words, ctx->socket_address, sizeof(words));
    keep(10, bpf_csum_diff(NULL, 0, words, sizeof(words), 0));

    uint32_t zero = 0;
    struct text* t = bpf_map_lookup_elem(&texts, &zero);
    if (t == NULL) {
        return BIND_PERMIT_SOFT;
    }
    char first[] = "bound";
    char second[] = " by ntsh";
    keep(24, bpf_memset(t, sizeof(*t), 0) == (long)(uintptr_t)t);
    keep(27, bpf_strncpy_s(t->greeting, sizeof(t->greeting), first, sizeof(first)));
    keep(28, bpf_strncat_s(t->greeting, sizeof(t->greeting), second, sizeof(second)));
    keep(29, (int64_t)bpf_strnlen_s(t->greeting, sizeof(t->greeting)));
    keep(25, bpf_memmove_s(t->copy, sizeof(t->copy), t->greeting, sizeof(t->greeting)));
    t->copy[0] = 'B';
    keep(23, bpf_memcmp_s(t->copy, sizeof(t->copy), t->greeting, sizeof(t->greeting)));
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

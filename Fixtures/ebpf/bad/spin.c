// ntsh bad fixture: a bind program that never returns.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

volatile uint64_t spins;

SEC("bind")
bind_action_t spin_forever(bind_md_t* ctx)
{
    for (;;) {
        spins++;
    }
    return BIND_PERMIT_SOFT;
}

char LICENSE[] SEC("license") = "MIT";

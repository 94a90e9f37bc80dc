// ntsh bad fixture: a bind program that reads through an address it computed from the process id.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
bind_action_t read_anywhere(bind_md_t* ctx)
{
    volatile uint64_t* anywhere = (volatile uint64_t*)(ctx->process_id * 4096);
    return *anywhere == 0 ? BIND_PERMIT_SOFT : BIND_DENY;
}

char LICENSE[] SEC("license") = "MIT";

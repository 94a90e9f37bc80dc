// ntsh bad fixture: a call of helper 999, which no program type provides.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

static long (*const no_such_helper)(uint64_t value) = (void*)999;

SEC("bind")
bind_action_t call_nothing(bind_md_t* ctx)
{
    return no_such_helper(ctx->process_id) == 0 ? BIND_PERMIT_SOFT : BIND_DENY;
}

char LICENSE[] SEC("license") = "MIT";

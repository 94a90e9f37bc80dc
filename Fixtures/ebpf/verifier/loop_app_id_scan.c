// verifier: accept
// A loop over the app id bounded only by its end pointer: it terminates because a data region
// holds at most 65,535 bytes.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int count_backslashes(bind_md_t* ctx)
{
    uint32_t count = 0;
    for (uint8_t* p = ctx->app_id_start; p < ctx->app_id_end; p++) {
        if (*p == '\\') {
            count++;
        }
    }
    return count > 3 ? BIND_DENY : BIND_PERMIT_SOFT;
}

// verifier: reject
// expect: 6: Data region is read-only (valid_access(r1.offset, width=1) for write)
// The bind hook's app id is read-only.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int rewrite_app_id(bind_md_t* ctx)
{
    if (ctx->app_id_start + 1 <= ctx->app_id_end) {
        *ctx->app_id_start = 'X';
    }
    return BIND_PERMIT_SOFT;
}

// verifier: reject
// expect: 7: Invalid type (r3.type == number)
// bpf_printk of a pointer: the helper's argument must be a number.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("bind")
int print_context(bind_md_t* ctx)
{
    bpf_printk("ctx: %u", (uint64_t)ctx);
    return BIND_PERMIT_SOFT;
}

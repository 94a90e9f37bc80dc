// verifier: reject
// expect: 15: Stack content is not numeric (valid_access(r2.offset, width=r3) for read)
// The loop fills the ports but the count field (and its padding) is never written: the helper
// would copy two uninitialised bytes out.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

struct
{
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 4096);
} events SEC(".maps");

struct sample
{
    uint16_t ports[50];
    uint8_t count;
};

SEC("xdp")
int fill_and_send(xdp_md_t* ctx)
{
    struct sample s;
    for (int i = 0; i < 50; i++) {
        s.ports[i] = 0;
    }
    bpf_ringbuf_output(&events, &s, sizeof(s), 0);
    return XDP_PASS;
}

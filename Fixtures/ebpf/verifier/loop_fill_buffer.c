// verifier: accept
// loops: 98
// A record filled element by element in a loop, then handed whole to a helper: the stack's
// initialised segment follows the loop index, so every byte is known written when the loop exits
// (eBPF for Windows issue 3360 is this pattern, with one field left unwritten).
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
    uint16_t count;
};

SEC("xdp")
int fill_and_send(xdp_md_t* ctx)
{
    struct sample s;
    for (int i = 0; i < 50; i++) {
        s.ports[i] = 0;
    }
    s.count = 50;
    bpf_ringbuf_output(&events, &s, sizeof(s), 0);
    return XDP_PASS;
}

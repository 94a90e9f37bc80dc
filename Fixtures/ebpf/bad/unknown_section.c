// ntsh bad fixture: a program in a section no hook registers.
#include <bpf_helpers.h>
#include <ebpf_nethooks.h>

SEC("kprobe/NtCreateFile")
int not_a_windows_hook(void* ctx)
{
    return 0;
}

char LICENSE[] SEC("license") = "MIT";

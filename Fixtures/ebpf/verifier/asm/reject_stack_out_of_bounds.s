# verifier: reject
# expect: 0: Upper bound must be at most EBPF_STACK_SIZE (valid_access(r10.offset, width=8) for write)
# expect: 1: Lower bound must be at least 0 (valid_access(r10.offset-520, width=8) for write)
stdw [%r10+0], 1
stdw [%r10-520], 1
mov %r0, 0
exit

# verifier: reject
# expect: 3: Lower bound must be at least 0 (valid_access(r2.offset, width=1) for write)
# expect: 3: Upper bound must be at most EBPF_STACK_SIZE (valid_access(r2.offset, width=1) for write)
# A pointer moved by an unbounded number may point anywhere; the store is judged.
ldxdw %r3, [%r1+16]
mov %r2, %r10
add %r2, %r3
stb [%r2+0], 0
mov %r0, 0
exit

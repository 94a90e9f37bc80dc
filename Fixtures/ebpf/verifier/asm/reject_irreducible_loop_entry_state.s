# verifier: reject
# environment: plain
# expect: 9: Upper bound must be at most EBPF_STACK_SIZE (valid_access(r4.offset, width=1) for read)
# An irreducible loop entered in its middle with an index of 100: the state of that entry must
# reach the access, whichever block the analysis takes as the loop's head.
ldxdw %r2, [%r1+16]
mov %r3, 100
mov %r6, 0
stdw [%r10-8], 0
jeq %r2, 0, mid
head:
mov %r3, 0
mid:
mov %r4, %r10
add %r4, -8
add %r4, %r3
ldxb %r0, [%r4+0]
add %r6, 1
jlt %r6, 3, head
exit

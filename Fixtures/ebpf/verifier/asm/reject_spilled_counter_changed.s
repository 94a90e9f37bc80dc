# verifier: reject
# expect: 1: Loop counter is too large (pc[1] < 100000)
# The spilled index is overwritten with a number before the fill: nothing bounds the loop.
mov %r2, 0
stxdw [%r10-8], %r2
ldxdw %r3, [%r1+0]
stxdw [%r10-8], %r3
ldxdw %r2, [%r10-8]
add %r2, 1
jne %r2, 10, -6
mov %r0, 0
exit

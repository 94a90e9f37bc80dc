# verifier: accept
# loops: 10
# The index lives on the stack across the body (clang spills it under register pressure): the
# fill gets the spilled value's relation to the loop counter back.
mov %r0, 0
mov %r2, 0
loop:
stxdw [%r10-8], %r2
mov %r2, 77
add %r0, %r2
ldxdw %r2, [%r10-8]
add %r2, 1
jne %r2, 10, loop
exit

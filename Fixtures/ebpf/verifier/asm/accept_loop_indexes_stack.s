# verifier: accept
# loops: 8
# Fills an 8-slot stack array through a pointer computed from the index; the index bounds the pointer.
# (Stores at a variable offset do not initialise the array for later reads, except the first slot.)
mov %r1, 0
stxdw [%r10-64], %r1
mov %r2, %r10
add %r2, -64
loop:
mov %r3, %r1
lsh %r3, 3
mov %r4, %r2
add %r4, %r3
stxdw [%r4+0], %r1
add %r1, 1
jlt %r1, 8, loop
ldxdw %r0, [%r10-64]
exit

# verifier: accept
# loops: 18
# Each trip writes the next buffer slot and spills a pointer at -80, which the frontier reaches on
# the third trip (ending the segment). The analysis must still reach its fixpoint: the states with
# and without a segment are two forms of one state (this once ran out of budget).
mov %r5, %r10
add %r5, -96
mov %r4, 0
loop:
stdw [%r5], 737
stxdw [%r10-80], %r10
add %r5, 8
add %r4, 8
jne %r4, 32, loop
mov %r0, 0
exit

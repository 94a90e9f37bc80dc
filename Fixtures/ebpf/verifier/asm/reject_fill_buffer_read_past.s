# verifier: reject
# expect: 7: Stack content is not initialized (valid_access(r10.offset-8, width=8) for read)
# Three of four 8-byte slots are filled; the fourth is read.
mov %r1, %r10
add %r1, -32
mov %r2, 0
loop:
stxdw [%r1], %r2
add %r1, 8
add %r2, 8
jne %r2, 24, loop
ldxdw %r0, [%r10-8]
exit

# verifier: accept
# The loop's byte offset (a multiple of 12) is spilled as a 32-bit word: it fits, so the word holds
# exactly the offset and the fill gets its stride and its relation to the loop counter back.
mov %r0, 0
mov %r2, 0
loop:
stxw [%r10-4], %r2
mov %r2, 77
add %r0, %r2
ldxw %r2, [%r10-4]
add %r2, 12
jne %r2, 120, loop
exit

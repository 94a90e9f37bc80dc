# verifier: accept
# A pointer walks a 32-byte stack buffer writing 4 bytes at a time, beside a byte offset that
# drives the exit test; the buffer is then read whole.
mov %r1, %r10
add %r1, -32
mov %r2, 0
loop:
stxw [%r1], %r2
add %r1, 4
add %r2, 4
jne %r2, 32, loop
ldxdw %r0, [%r10-32]
ldxdw %r3, [%r10-8]
add %r0, %r3
exit

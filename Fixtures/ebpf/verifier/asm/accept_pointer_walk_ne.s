# verifier: accept
# loops: 16
# A pointer walks a 16-byte stack buffer until it equals the end pointer (`p != end`): the zone
# keeps p - end <= 0 through the loop, and the tight != makes it strict.
stdw [%r10-32], 0
stdw [%r10-24], 0
mov %r2, %r10
add %r2, -32
mov %r3, %r10
add %r3, -16
mov %r0, 0
loop:
ldxb %r4, [%r2+0]
add %r0, %r4
add %r2, 1
jne %r2, %r3, loop
exit

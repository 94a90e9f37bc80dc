# verifier: reject
# expect: 11: Stack content is not numeric (valid_access(r1.offset, width=r2) for read)
# A pointer spilled inside the filled buffer ends the initialised segment: a helper may not copy
# it out.
mov %r1, %r10
add %r1, -32
mov %r2, 0
loop:
stxdw [%r1], %r2
add %r1, 8
add %r2, 8
jne %r2, 32, loop
stxdw [%r10-16], %r10
mov %r1, %r10
add %r1, -32
mov %r2, 32
call 12
mov %r0, 0
exit

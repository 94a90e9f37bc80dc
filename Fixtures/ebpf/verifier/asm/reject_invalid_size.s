# verifier: reject
# expect: 4: Invalid size (r2.value > 0)
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
mov %r2, 0
call 12
mov %r0, 0
exit

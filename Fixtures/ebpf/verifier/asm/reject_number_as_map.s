# verifier: reject
# expect: 4: Invalid type (r1.type == map_fd)
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
call 1
mov %r0, 0
exit

# verifier: reject
# expect: 4: Nonzero context offset (r1.ctx_offset == 0)
add %r1, 8
lddw %r2, map_fd(3)
mov %r3, 0
call 5
mov %r0, 0
exit

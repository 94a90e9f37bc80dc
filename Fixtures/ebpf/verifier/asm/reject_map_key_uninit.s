# verifier: reject
# expect: 4: Stack content is not initialized (within stack(r2:key_size(r1)))
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(1)
call 1
mov %r0, 0
exit

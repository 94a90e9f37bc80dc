# verifier: reject
# expect: 7: Possible null access (valid_access(r0.offset, width=8) for read)
# The lookup result is used without a null check.
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(1)
call 1
ldxdw %r0, [%r0+0]
exit

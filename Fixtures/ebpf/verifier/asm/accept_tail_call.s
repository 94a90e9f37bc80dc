# verifier: accept
# A tail call through a program array; execution continues when it fails.
mov %r6, %r1
lddw %r2, map_fd(3)
mov %r3, 1
call 5
mov %r0, 0
exit

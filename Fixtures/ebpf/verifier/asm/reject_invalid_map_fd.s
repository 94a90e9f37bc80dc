# verifier: reject
# expect: 0: invalid map fd 99
lddw %r1, map_fd(99)
mov %r0, 0
exit

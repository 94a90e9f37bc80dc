# verifier: reject
# expect: 0: invalid target r10
mov %r10, 0
mov %r0, 0
exit

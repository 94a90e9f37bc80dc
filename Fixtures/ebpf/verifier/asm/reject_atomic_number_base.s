# verifier: reject
# expect: 2: Invalid type (r1.type in {ctx, stack, packet, shared})
# An atomic needs a pointer base.
mov %r1, 64
mov %r2, 1
lock add [%r1+0], %r2
mov %r0, 0
exit

# verifier: reject
# expect: 1: Only numbers can be added to pointers (r1.type in {ctx, stack, packet, shared} -> r2.type == number)
mov %r2, %r10
add %r1, %r2
mov %r0, 0
exit

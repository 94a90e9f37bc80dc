# verifier: reject
# expect: 1: Cannot subtract pointers to different regions (r2.type == number or r1.type == r2.type in {ctx, stack, packet})
mov %r2, %r10
sub %r1, %r2
mov %r0, 0
exit

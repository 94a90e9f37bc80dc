# verifier: reject
# expect: 1: Invalid type (r2.type in {ctx, stack, packet, shared})
mov %r2, 4096
ldxw %r0, [%r2+0]
exit

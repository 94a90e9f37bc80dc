# verifier: accept
# environment: xdp
# PREVAIL's rule for atomics: the base may point into any region (ctx, stack, packet, shared) and
# the access must be in bounds, as a write. An atomic add on the packet after a bounds check passes.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, 8
mov %r0, 2
jgt %r4, %r3, done
mov %r5, 1
lock add [%r2+0], %r5
mov %r0, 1
done:
exit

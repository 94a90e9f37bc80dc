# verifier: accept
# environment: xdp
# XDP may write the packet after a bounds check.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, 2
mov %r0, 2
jgt %r4, %r3, done
sth [%r2+0], 0
mov %r0, 1
done:
exit

# verifier: reject
# environment: xdp
# expect: 10: Invalid type (r7.type in {ctx, stack, packet, shared})
# A data pointer saved in r7 across a call to a subprogram that moves the data start dies, as
# the subprogram's own do.
mov %r6, %r1
ldxdw %r7, [%r6+0]
ldxdw %r3, [%r6+8]
mov %r4, %r7
add %r4, 14
mov %r0, 0
jgt %r4, %r3, out
mov %r1, %r6
call local grow
mov %r0, 0
ldxb %r0, [%r7+13]
out:
exit
grow:
mov %r2, -8
call 65536
mov %r0, 0
exit

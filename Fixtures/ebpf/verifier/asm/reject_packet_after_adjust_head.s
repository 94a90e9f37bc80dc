# verifier: reject
# environment: xdp
# expect: 10: Invalid type (r2.type in {ctx, stack, packet, shared})
# bpf_xdp_adjust_head moves the data: pointers into it die.
mov %r6, %r1
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, 4
mov %r0, 0
jgt %r4, %r3, done
mov %r1, %r6
mov %r2, 4
call 65536
ldxw %r0, [%r2+0]
done:
exit

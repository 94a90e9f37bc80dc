# verifier: accept
# environment: xdp
# A header length read from the packet moves the pointer by a variable amount, checked against the end.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r0, 0
mov %r4, %r2
add %r4, 1
jgt %r4, %r3, done
ldxb %r5, [%r2+0]
and %r5, 15
lsh %r5, 2
add %r2, %r5
mov %r4, %r2
add %r4, 4
jgt %r4, %r3, done
ldxw %r0, [%r2+0]
done:
exit

# verifier: reject
# environment: xdp
# expect: 6: Upper bound must be at most packet_size (valid_access(r2.offset+14, width=1) for read)
# 14 bytes were checked, the 15th is read.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, 14
mov %r0, 0
jgt %r4, %r3, done
ldxb %r0, [%r2+14]
done:
exit

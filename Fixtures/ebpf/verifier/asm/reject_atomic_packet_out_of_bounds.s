# verifier: reject
# environment: xdp
# expect: 7: Upper bound must be at most packet_size (valid_access(r2.offset, width=8) for write)
# An 8-byte atomic after a 4-byte bounds check: one error, the write check PREVAIL makes.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, 4
mov %r0, 2
jgt %r4, %r3, done
mov %r5, 1
lock add [%r2+0], %r5
mov %r0, 1
done:
exit

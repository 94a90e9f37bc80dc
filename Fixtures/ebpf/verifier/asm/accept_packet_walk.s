# verifier: accept
# environment: xdp
# loops: 65536
# Walks the packet a byte at a time: only the data-end check bounds the loop (data <= 65,535 bytes).
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r0, 0
loop:
mov %r4, %r2
add %r4, 1
jgt %r4, %r3, done
ldxb %r5, [%r2+0]
add %r0, %r5
mov %r2, %r4
ja loop
done:
exit

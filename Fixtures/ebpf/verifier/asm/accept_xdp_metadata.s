# verifier: accept
# environment: xdp
# Reads the metadata in front of the packet after checking it against the data pointer.
ldxdw %r2, [%r1+16]
ldxdw %r3, [%r1+0]
mov %r4, %r2
add %r4, 4
mov %r0, 0
jgt %r4, %r3, done
ldxw %r0, [%r2+0]
done:
exit

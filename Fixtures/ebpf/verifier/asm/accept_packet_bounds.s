# verifier: accept
# environment: xdp
# Reads the Ethernet type after checking 14 bytes against data_end.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, 14
mov %r0, 1
jgt %r4, %r3, done
ldxh %r0, [%r2+12]
done:
exit

# verifier: accept
# Reads every scalar field of the bind context, each within its size.
ldxdw %r2, [%r1+16]
ldxb %r3, [%r1+40]
ldxw %r4, [%r1+44]
ldxb %r5, [%r1+48]
mov %r0, %r4
add %r0, %r5
exit

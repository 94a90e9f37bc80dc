# verifier: accept
# Copies min(16, app id length) bytes of the app id onto the stack (a relation to packet_size).
ldxdw %r3, [%r1+0]
ldxdw %r2, [%r1+8]
sub %r2, %r3
jlt %r2, 16, small
mov %r2, 16
small:
mov %r1, %r10
add %r1, -16
mov %r4, %r2
call 22
mov %r0, 0
exit

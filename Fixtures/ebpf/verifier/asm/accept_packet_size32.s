# verifier: accept
# environment: xdp
# The packet's size as a 32-bit difference of end and start (clang's `(u32)(end - start)`), then
# a read at size - 1 after checking size != 0: the difference keeps its relation to the pointers.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r3
sub32 %r4, %r2
mov %r0, 0
jeq %r4, 0, done
add %r2, %r4
ldxb %r0, [%r2-1]
done:
exit

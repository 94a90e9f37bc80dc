# verifier: accept
# Looks up the inner map in an array of maps, checks it, then looks up a value in it.
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(4)
call 1
mov %r6, %r0
mov %r0, 0
jeq %r6, 0, done
mov %r1, %r6
mov %r2, %r10
add %r2, -4
call 1
jeq %r0, 0, done
ldxdw %r0, [%r0+8]
done:
exit

# verifier: accept
# Atomic add (with and without fetch) on a map value and on an initialised stack slot.
mov %r1, 0
stxw [%r10-4], %r1
stxdw [%r10-16], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(2)
call 1
jeq %r0, 0, done
mov %r1, 1
lock add [%r0+0], %r1
lock fetch add [%r10-16], %r1
done:
mov %r0, 0
exit

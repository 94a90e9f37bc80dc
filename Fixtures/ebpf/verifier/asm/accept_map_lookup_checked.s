# verifier: accept
# Looks up a key on the stack, checks the result for null, then reads and writes the value.
mov %r1, 7
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(1)
call 1
mov %r6, %r0
mov %r0, 0
jeq %r6, 0, done
ldxw %r0, [%r6+36]
add32 %r0, 1
stxw [%r6+36], %r0
done:
exit

# verifier: reject
# expect: 10: Loop counter is too large (pc[10] < 100000)
# The trip count comes from a map value: up to 2^32 iterations.
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(2)
call 1
jeq %r0, 0, done
ldxw %r2, [%r0+0]
mov %r1, 0
loop:
add %r1, 1
jlt %r1, %r2, loop
done:
mov %r0, 0
exit

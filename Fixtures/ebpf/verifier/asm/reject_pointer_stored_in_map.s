# verifier: reject
# expect: 9: Only numbers can be stored to externally-visible regions (r0.type != stack -> r6.type == number)
# The context pointer would leak into a map value.
mov %r6, %r1
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(2)
call 1
jeq %r0, 0, done
stxdw [%r0+0], %r6
done:
mov %r0, 0
exit

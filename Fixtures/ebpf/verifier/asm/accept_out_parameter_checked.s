# verifier: accept
# The callee writes the out-parameter only when it returns 0, and the caller reads it only then:
# the join at the callee's exit keeps the bytes under a guard on r0.
mov %r6, %r1
ldxb %r2, [%r6+0]
mov %r1, %r10
add %r1, -16
call local fill
jne %r0, 0, done
ldxdw %r0, [%r10-16]
done:
mov %r0, 0
exit
fill:
mov %r0, -1
jgt %r2, 20, out
stxdw [%r1+0], %r2
mov %r0, 0
out:
exit

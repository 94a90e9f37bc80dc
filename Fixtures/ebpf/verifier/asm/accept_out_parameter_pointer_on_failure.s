# verifier: accept
# The callee spills a pointer into the out-parameter first and overwrites it with a number only on
# success: the caller reads it only where r0 is 0, so only numbers are read.
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
stxdw [%r1+0], %r10
jgt %r2, 20, out
stxdw [%r1+0], %r2
mov %r0, 0
out:
exit

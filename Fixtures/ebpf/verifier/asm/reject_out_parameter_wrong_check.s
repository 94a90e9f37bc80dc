# verifier: reject
# expect: 6: Stack content is not initialized (valid_access(r10.offset-16, width=8) for read)
# The callee writes the out-parameter only when it returns 0; the caller reads it on the path
# where r0 is not 0 (the check the wrong way round).
mov %r6, %r1
ldxb %r2, [%r6+0]
mov %r1, %r10
add %r1, -16
call local fill
jeq %r0, 0, done
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

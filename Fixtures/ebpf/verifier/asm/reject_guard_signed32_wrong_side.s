# verifier: reject
# expect: 6: Stack content is not initialized (valid_access(r10.offset-16, width=8) for read)
# The callee writes the out-parameter and returns 1, or returns 0x80000000 without writing it. The
# caller reads it where `w0 s> 0` fails: 0x80000000 is negative as a 32-bit number, so that is the
# side that did not write (the 32-bit signed refinement must not treat it as 2^31).
mov %r6, %r1
ldxb %r2, [%r6+0]
mov %r1, %r10
add %r1, -16
call local fill
jsgt32 %r0, 0, done
ldxdw %r0, [%r10-16]
done:
mov %r0, 0
exit
fill:
mov32 %r0, 0x80000000
jgt %r2, 20, out
stxdw [%r1+0], %r2
mov %r0, 1
out:
exit

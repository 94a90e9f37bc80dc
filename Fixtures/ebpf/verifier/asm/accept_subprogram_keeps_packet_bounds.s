# verifier: accept
# environment: xdp
# A subprogram that does not move the data leaves the caller's bounds and saved data pointers
# valid.
mov %r6, %r1
ldxdw %r7, [%r6+0]
ldxdw %r3, [%r6+8]
mov %r4, %r7
add %r4, 14
mov %r0, 0
jgt %r4, %r3, out
call local nothing
ldxb %r0, [%r7+13]
ldxdw %r2, [%r6+0]
ldxb %r1, [%r2+13]
add %r0, %r1
out:
exit
nothing:
mov %r0, 0
exit

# verifier: reject
# expect: 6: Data region is read-only (valid_access(r2.offset, width=1) for write)
# The bind hook's app id is read-only.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, 1
mov %r0, 0
jgt %r4, %r3, done
stb [%r2+0], 0
done:
exit

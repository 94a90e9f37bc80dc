# verifier: reject
# expect: 0: Context field is read-only (valid_access(r1.offset+8, width=8) for write)
stdw [%r1+8], 0
mov %r0, 0
exit

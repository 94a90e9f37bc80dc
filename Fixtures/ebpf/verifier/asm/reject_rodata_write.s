# verifier: reject
# expect: 2: Memory is read-only (valid_access(r1.offset, width=4) for write)
lddw %r1, map_value(6, +0)
stw [%r1+0], 1
mov %r0, 0
exit

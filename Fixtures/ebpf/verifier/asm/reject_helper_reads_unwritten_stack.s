# verifier: reject
# expect: 5: Stack content is not numeric (valid_access(r1.offset, width=r2) for read)
# printk reads 16 bytes of which only the upper 8 were written. PREVAIL's wording: to a helper,
# unwritten bytes and pointer bytes are alike "not numeric".
mov %r1, 0
stxdw [%r10-8], %r1
mov %r1, %r10
add %r1, -16
mov %r2, 16
call 12
mov %r0, 0
exit

# verifier: reject
# expect: 9: Upper bound must be at most r0.shared_region_size (valid_access(r0.offset+4, width=8) for write)
# An atomic past the end of an 8-byte map value is reported once, as a write (not also as a read).
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(2)
call 1
jeq %r0, 0, done
mov %r1, 1
lock fetch add [%r0+4], %r1
done:
mov %r0, 0
exit

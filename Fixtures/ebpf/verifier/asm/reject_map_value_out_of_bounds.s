# verifier: reject
# expect: 8: Upper bound must be at most r0.shared_region_size (valid_access(r0.offset+4, width=8) for read)
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(2)
call 1
jeq %r0, 0, done
ldxdw %r0, [%r0+4]
done:
exit

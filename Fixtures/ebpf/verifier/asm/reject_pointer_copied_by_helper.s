# verifier: reject
# expect: 10: Illegal map update with a non-numerical value [496-504) (within stack(r3:value_size(r1)))
# A spilled pointer passed as the value of bpf_map_update_elem would leak into the map.
stxdw [%r10-16], %r1
mov %r1, 0
stxw [%r10-4], %r1
mov %r2, %r10
add %r2, -4
mov %r3, %r10
add %r3, -16
lddw %r1, map_fd(2)
mov %r4, 0
call 2
mov %r0, 0
exit

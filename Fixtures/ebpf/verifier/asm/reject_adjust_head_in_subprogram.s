# verifier: reject
# environment: xdp
# expect: 10: Upper bound must be at most packet_size (valid_access(r2.offset+13, width=1) for read)
# The subprogram moves the data start (bpf_xdp_adjust_head): the size the caller checked before
# the call no longer holds, even for data pointers loaded afresh.
mov %r6, %r1
ldxdw %r2, [%r6+0]
ldxdw %r3, [%r6+8]
mov %r4, %r2
add %r4, 14
mov %r0, 0
jgt %r4, %r3, out
mov %r1, %r6
call local shrink
ldxdw %r2, [%r6+0]
ldxb %r0, [%r2+13]
out:
exit
shrink:
mov %r2, 13
call 65536
mov %r0, 0
exit

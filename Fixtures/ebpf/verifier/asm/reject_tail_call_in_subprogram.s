# verifier: reject
# expect: 6: tail call not supported in subprogram (valid call(bpf_tail_call))
call local f
exit
f:
lddw %r2, map_fd(3)
mov %r3, 0
mov %r0, 0
call 5
exit

# verifier: accept
# A bpf-to-bpf call with a pointer into the caller's frame; r6 survives the call.
mov %r6, 5
mov %r1, 0
stxdw [%r10-8], %r1
mov %r1, %r10
add %r1, -8
call local store
ldxdw %r0, [%r10-8]
add %r0, %r6
exit
store:
mov %r2, 42
stxdw [%r1+0], %r2
stxdw [%r10-8], %r2
ldxdw %r0, [%r10-8]
exit

# verifier: reject
# expect: 5: Upper bound must be at most EBPF_STACK_SIZE (valid_access(r1.offset, width=r2) for read)
# printk told to read 16 bytes from an 8-byte buffer at the top of the stack.
mov %r1, 0
stxdw [%r10-8], %r1
mov %r1, %r10
add %r1, -8
mov %r2, 16
call 12
mov %r0, 0
exit

# verifier: reject
# expect: 7: Invalid type (r3.type == number)
# bpf_printk("ctx: %u", ctx) passes a pointer where a number is expected.
mov %r6, %r1
mov %r1, 0x7525
stxw [%r10-8], %r1
mov %r1, %r10
add %r1, -8
mov %r2, 4
mov %r3, %r6
call 13
mov %r0, 0
exit

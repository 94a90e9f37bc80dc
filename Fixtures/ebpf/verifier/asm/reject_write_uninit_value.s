# verifier: reject
# expect: 0: Uninitialized register (r3.type != uninit)
stxdw [%r10-8], %r3
mov %r0, 0
exit

# verifier: reject
# expect: 0: Uninitialized register (r3.type != uninit)
mov %r0, %r3
exit

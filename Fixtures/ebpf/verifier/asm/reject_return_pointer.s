# verifier: reject
# expect: 1: Invalid type (r0.type == number)
mov %r0, %r1
exit

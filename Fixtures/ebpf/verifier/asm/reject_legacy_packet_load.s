# verifier: reject
# expect: 1: Legacy packet access (LD_ABS/LD_IND) is not supported
mov %r6, %r1
ldabsw 12
exit

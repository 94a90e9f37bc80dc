# verifier: reject
# environment: xdp
# A 32-bit subtraction of a number from a pointer would cut the pointer in half.
# expect: 2: Invalid type (r2.type == number)
ldxdw %r2, [%r1+0]
mov %r0, 0
sub32 %r2, 4
exit

# verifier: reject
# expect: 2: Loop counter is too large (pc[2] < 100000)
# The loop runs until a counter reaches a 64-bit value from the context.
ldxdw %r2, [%r1+16]
mov %r1, 0
loop:
add %r1, 1
jne %r1, %r2, loop
mov %r0, 0
exit

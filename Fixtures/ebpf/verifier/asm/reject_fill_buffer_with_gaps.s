# verifier: reject
# expect: 7: Stack content is not initialized (valid_access(r10.offset-31, width=1) for read)
# Every other byte is written: byte 1 of the buffer never is.
mov %r1, %r10
add %r1, -32
mov %r2, 0
loop:
stxb [%r1], %r2
add %r1, 2
add %r2, 2
jne %r2, 32, loop
ldxb %r0, [%r10-31]
exit

# verifier: reject
# expect: 7: Stack content is not initialized (valid_access(r4.offset-1, width=1) for read)
# `w2 &= r3` with r3 = 2^32 + 255 keeps only the low 32 bits: r2 = 2^32 becomes 0, so the
# relation r2 = 2^32 must not survive the mask (a 64-bit identity is not a 32-bit one). The read
# is then of the frame's last byte, never written (not an out-of-bounds read 4 GiB away).
lddw %r3, 0x1000000ff
lddw %r2, 0x100000000
and32 %r2, %r3
mov %r4, %r10
add %r4, %r2
ldxb %r0, [%r4-1]
mov %r0, 0
exit

# verifier: accept
# environment: plain
# An atomic on a writable context field, in bounds, as PREVAIL allows.
mov %r2, 1
lock add [%r1+8], %r2
mov %r0, 0
exit

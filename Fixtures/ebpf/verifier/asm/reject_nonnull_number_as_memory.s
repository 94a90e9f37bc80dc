# verifier: reject
# environment: plain
# expect: 5: Non-null number (valid_access(r1.offset, width=r2) for read)
# A "memory or null" argument may be the number 0, and no other: any other number is an
# address the helper would read from.
mov %r1, 12345
mov %r2, 4
mov %r3, 0
mov %r4, 0
mov %r5, 0
call 10
mov %r0, 0
exit

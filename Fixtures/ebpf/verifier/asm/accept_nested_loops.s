# verifier: accept
# loops: 12
# A 3 x 4 nested loop: the inner head is entered 12 times in all.
mov %r0, 0
mov %r1, 0
outer:
mov %r2, 0
inner:
add %r0, 1
add %r2, 1
jne %r2, 4, inner
add %r1, 1
jne %r1, 3, outer
exit

# verifier: accept
# An index counting down from 30 by 3 and tested with != 0: it stays a multiple of 3, so
# `!= 0` leaves at least 3 and the index never goes below zero.
mov %r0, 0
mov %r1, 30
loop:
add %r0, %r1
sub %r1, 3
jne %r1, 0, loop
exit

# verifier: accept
# loops: 16
# An index counting down to zero by one, tested with !=.
mov %r0, 0
mov %r1, 16
loop:
add %r0, %r1
sub %r1, 1
jne %r1, 0, loop
exit

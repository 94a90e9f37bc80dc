# verifier: reject
# expect: 2: Loop counter is too large (pc[2] < 100000)
# Counting down from 31 by 3 skips zero: the loop runs until the index wraps around.
mov %r0, 0
mov %r1, 31
add %r0, %r1
sub %r1, 3
jne %r1, 0, -3
exit

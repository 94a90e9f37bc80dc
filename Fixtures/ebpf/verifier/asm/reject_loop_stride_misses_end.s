# verifier: reject
# expect: 1: Loop counter is too large (pc[1] < 100000)
# Stepping by 8 from 0 never equals 60: the loop runs until the index wraps.
mov %r1, 0
add %r1, 8
jne %r1, 60, -2
mov %r0, 0
exit

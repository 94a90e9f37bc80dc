# verifier: reject
# environment: plain
# expect: 6: Loop counter is too large (pc[6] < 100000)
# The outer loop is entered below its head (at inner_start), so the inner loop runs once before
# the head is ever reached and once per arrival: 2 x 60,000 trips for one arrival at the head.
# The total must count that extra entry (it was reported as 60,000 and accepted).
call 6
mov %r6, 0
mov %r7, 0
jeq %r0, 0, inner_start
outer:
mov %r6, 1
inner_start:
mov %r2, 0
inner:
add %r7, 1
add %r2, 1
jlt %r2, 60000, inner
jeq %r6, 0, outer
mov %r0, %r7
exit

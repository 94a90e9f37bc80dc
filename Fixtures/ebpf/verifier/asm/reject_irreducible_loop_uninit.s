# verifier: reject
# expect: 3: Invalid type (r3.type == number)
# A loop entered below its head (irreducible): the head is reached only through the back edge,
# where r3 was never written. (Found by the verifier fuzz target: the head used to stay
# unreachable.)
mov32 %r0, 0
mov32 %r5, 0
jeq %r0, %r0, second
first:
add32 %r3, 1
second:
add32 %r5, 1
jlt32 %r5, 92, first
exit

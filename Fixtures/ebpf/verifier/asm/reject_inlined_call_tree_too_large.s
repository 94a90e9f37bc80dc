# verifier: reject
# environment: plain
# expect: 0: Program is too complex to verify (the analysis spent its budget of 1000000 steps: instruction visits, weighted by loop nesting, plus the states kept)
# Three calls per function, seven levels deep: 3,280 inlined copies of a few blocks each, every
# block keeping its states (a zone and up to eight stack frames). Counted in visits alone this
# small program was accepted holding hundreds of megabytes; the budget now charges each node's
# storage.
mov %r0, 1
add %r0, 1
jeq %r0, 500, n0_0
n0_0:
add %r0, 1
jeq %r0, 501, n0_1
n0_1:
add %r0, 1
jeq %r0, 502, n0_2
n0_2:
add %r0, 1
jeq %r0, 503, n0_3
n0_3:
add %r0, 1
jeq %r0, 504, n0_4
n0_4:
add %r0, 1
jeq %r0, 505, n0_5
n0_5:
call local f1
call local f1
call local f1
mov %r0, 0
exit
f1:
mov %r0, 1
add %r0, 1
jeq %r0, 500, n1_0
n1_0:
add %r0, 1
jeq %r0, 501, n1_1
n1_1:
add %r0, 1
jeq %r0, 502, n1_2
n1_2:
add %r0, 1
jeq %r0, 503, n1_3
n1_3:
add %r0, 1
jeq %r0, 504, n1_4
n1_4:
add %r0, 1
jeq %r0, 505, n1_5
n1_5:
call local f2
call local f2
call local f2
mov %r0, 0
exit
f2:
mov %r0, 1
add %r0, 1
jeq %r0, 500, n2_0
n2_0:
add %r0, 1
jeq %r0, 501, n2_1
n2_1:
add %r0, 1
jeq %r0, 502, n2_2
n2_2:
add %r0, 1
jeq %r0, 503, n2_3
n2_3:
add %r0, 1
jeq %r0, 504, n2_4
n2_4:
add %r0, 1
jeq %r0, 505, n2_5
n2_5:
call local f3
call local f3
call local f3
mov %r0, 0
exit
f3:
mov %r0, 1
add %r0, 1
jeq %r0, 500, n3_0
n3_0:
add %r0, 1
jeq %r0, 501, n3_1
n3_1:
add %r0, 1
jeq %r0, 502, n3_2
n3_2:
add %r0, 1
jeq %r0, 503, n3_3
n3_3:
add %r0, 1
jeq %r0, 504, n3_4
n3_4:
add %r0, 1
jeq %r0, 505, n3_5
n3_5:
call local f4
call local f4
call local f4
mov %r0, 0
exit
f4:
mov %r0, 1
add %r0, 1
jeq %r0, 500, n4_0
n4_0:
add %r0, 1
jeq %r0, 501, n4_1
n4_1:
add %r0, 1
jeq %r0, 502, n4_2
n4_2:
add %r0, 1
jeq %r0, 503, n4_3
n4_3:
add %r0, 1
jeq %r0, 504, n4_4
n4_4:
add %r0, 1
jeq %r0, 505, n4_5
n4_5:
call local f5
call local f5
call local f5
mov %r0, 0
exit
f5:
mov %r0, 1
add %r0, 1
jeq %r0, 500, n5_0
n5_0:
add %r0, 1
jeq %r0, 501, n5_1
n5_1:
add %r0, 1
jeq %r0, 502, n5_2
n5_2:
add %r0, 1
jeq %r0, 503, n5_3
n5_3:
add %r0, 1
jeq %r0, 504, n5_4
n5_4:
add %r0, 1
jeq %r0, 505, n5_5
n5_5:
call local f6
call local f6
call local f6
mov %r0, 0
exit
f6:
mov %r0, 1
add %r0, 1
jeq %r0, 500, n6_0
n6_0:
add %r0, 1
jeq %r0, 501, n6_1
n6_1:
add %r0, 1
jeq %r0, 502, n6_2
n6_2:
add %r0, 1
jeq %r0, 503, n6_3
n6_3:
add %r0, 1
jeq %r0, 504, n6_4
n6_4:
add %r0, 1
jeq %r0, 505, n6_5
n6_5:
call local f7
call local f7
call local f7
mov %r0, 0
exit
f7:
mov %r0, 1
add %r0, 1
jeq %r0, 500, n7_0
n7_0:
add %r0, 1
jeq %r0, 501, n7_1
n7_1:
add %r0, 1
jeq %r0, 502, n7_2
n7_2:
add %r0, 1
jeq %r0, 503, n7_3
n7_3:
add %r0, 1
jeq %r0, 504, n7_4
n7_4:
add %r0, 1
jeq %r0, 505, n7_5
n7_5:
mov %r0, 0
exit

# verifier: reject
# expect: 18: Loops are nested too deeply to verify (more than 16 levels)
# Seventeen loops inside one another: deeper than the analysis takes on.
mov %r0, 0
ldxdw %r2, [%r1+0]
l0:
add %r0, 1
l1:
add %r0, 1
l2:
add %r0, 1
l3:
add %r0, 1
l4:
add %r0, 1
l5:
add %r0, 1
l6:
add %r0, 1
l7:
add %r0, 1
l8:
add %r0, 1
l9:
add %r0, 1
l10:
add %r0, 1
l11:
add %r0, 1
l12:
add %r0, 1
l13:
add %r0, 1
l14:
add %r0, 1
l15:
add %r0, 1
l16:
add %r0, 1
jeq %r2, 0, l16
jeq %r2, 0, l15
jeq %r2, 0, l14
jeq %r2, 0, l13
jeq %r2, 0, l12
jeq %r2, 0, l11
jeq %r2, 0, l10
jeq %r2, 0, l9
jeq %r2, 0, l8
jeq %r2, 0, l7
jeq %r2, 0, l6
jeq %r2, 0, l5
jeq %r2, 0, l4
jeq %r2, 0, l3
jeq %r2, 0, l2
jeq %r2, 0, l1
jeq %r2, 0, l0
exit

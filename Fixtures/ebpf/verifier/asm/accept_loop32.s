# verifier: accept
# loops: 16
# A loop counting in a 32-bit subregister.
mov32 %r0, 0
mov32 %r1, 0
loop:
add32 %r0, 3
add32 %r1, 1
jne32 %r1, 16, loop
exit

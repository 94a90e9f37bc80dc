# verifier: accept
# loops: 10
# clang's rotated loop: the exit test is != against a constant.
mov %r0, 0
mov %r1, 0
loop:
add %r0, %r1
add %r1, 1
jne %r1, 10, loop
exit

# verifier: accept
# loops: 5
# A loop whose induction variable (r6) survives a bpf-to-bpf call: the callee cannot change the
# loop's counter, so its relation to r6 survives too.
mov %r6, 0
loop:
mov %r1, %r6
call local f
add %r6, 1
jne %r6, 5, loop
mov %r0, 0
exit
f:
mov %r0, %r1
exit

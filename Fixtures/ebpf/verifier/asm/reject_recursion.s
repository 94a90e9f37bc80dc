# verifier: reject
# expect: 2: Recursive call to the function at 2 is not allowed
call local f
exit
f:
call local f
mov %r0, 0
exit

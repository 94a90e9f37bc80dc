# verifier: accept
# An index stepping by 8 to exactly 64 (clang's form for a u64 array): its low three bits stay
# known zero, so != 64 bounds it.
mov %r0, 0
mov %r1, 0
stdw [%r10-8], 0
loop:
add %r0, %r1
add %r1, 8
jne %r1, 64, loop
exit

# verifier: accept
# environment: xdp
# A pointer may point outside its object for a while (clang's rotated loops form p - 2);
# only dereferences are judged.
ldxdw %r2, [%r1+0]
ldxdw %r3, [%r1+8]
mov %r4, %r2
add %r4, -2
mov %r5, %r4
add %r5, 6
mov %r0, 0
jgt %r5, %r3, done
ldxh %r0, [%r4+2]
done:
exit

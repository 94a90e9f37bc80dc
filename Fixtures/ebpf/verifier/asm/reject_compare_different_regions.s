# verifier: reject
# expect: 1: Cannot compare pointers to different regions (r2.type == number or r1.type == r2.type)
mov %r2, %r10
jgt %r1, %r2, done
done:
mov %r0, 0
exit

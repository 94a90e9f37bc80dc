# verifier: reject
# expect: 0: Invalid type (r1.type == number)
jeq32 %r1, 0, done
done:
mov %r0, 0
exit

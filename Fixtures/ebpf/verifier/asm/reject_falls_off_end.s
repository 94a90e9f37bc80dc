# verifier: reject
# expect: 0: Program can fall off its end (the last instruction must be exit or a jump)
mov %r0, 0

# verifier: reject
# expect: 0: Loop counter is too large (pc[0] < 100000)
ja -1

# verifier: reject
# expect: 1: Stack content is not numeric (valid_access(r10.offset-8, width=4) for read)
stxdw [%r10-8], %r1
ldxw %r0, [%r10-8]
exit

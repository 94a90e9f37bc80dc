# verifier: reject
# expect: 1: Stack content is not initialized (valid_access(r10.offset-8, width=8) for read)
stw [%r10-4], 1
ldxdw %r0, [%r10-8]
exit

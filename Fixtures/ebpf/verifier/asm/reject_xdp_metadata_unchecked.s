# verifier: reject
# environment: xdp
# expect: 1: Upper bound must be at most packet_size (valid_access(r2.offset, width=4) for read)
# The metadata may be empty: reading it needs a check against the data pointer.
ldxdw %r2, [%r1+16]
ldxw %r0, [%r2+0]
exit

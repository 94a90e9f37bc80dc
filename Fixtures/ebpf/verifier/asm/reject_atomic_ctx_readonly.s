# verifier: reject
# environment: xdp
# expect: 1: Context field is read-only (valid_access(r1.offset, width=8) for write)
# An atomic on the context's data pointer would move the packet: the context's read-only fields
# stay read-only for atomics (PREVAIL checks only the bounds of an atomic on the context).
mov %r2, 1
lock add [%r1+0], %r2
mov %r0, 0
exit

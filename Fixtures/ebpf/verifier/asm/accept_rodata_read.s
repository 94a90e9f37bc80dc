# verifier: accept
# Reads a constant global through a map value address.
lddw %r1, map_value(6, +4)
ldxw %r0, [%r1+8]
exit

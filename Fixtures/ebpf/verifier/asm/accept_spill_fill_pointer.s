# verifier: accept
# Spills the context pointer, calls a helper (r1-r5 clobbered), fills it back and reads the context.
stxdw [%r10-8], %r1
call 19
ldxdw %r1, [%r10-8]
ldxw %r0, [%r1+44]
exit

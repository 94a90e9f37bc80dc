# verifier: accept
# Division by zero is defined (result 0) in eBPF for Windows: allowed, noted at the verbose level.
ldxw %r2, [%r1+44]
mov %r0, 100
div %r0, %r2
mod %r0, %r2
exit

# verifier: reject
# expect: 0: jump to middle of lddw
ja 1
lddw %r0, 0x1122334455667788
exit

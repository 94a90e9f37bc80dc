# verifier: reject
# environment: plain
# expect: 10: Invalid type (r7.type in {ctx, stack, packet, shared})
# expect: 10: Possible null access (valid_access(r7.offset, width=8) for read)
# The same lookup instruction run again in a loop gives a new result: checking the new one
# says nothing about the one kept in r7 from the first iteration.
mov %r6, 0
mov %r7, 0
stw [%r10-4], 0
loop:
mov %r2, %r10
add %r2, -4
lddw %r1, map_fd(1)
call 1
jeq %r6, 0, first
jeq %r0, 0, out
ldxdw %r0, [%r7+0]
ja out
first:
mov %r7, %r0
mov %r6, 1
ja loop
out:
mov %r0, 0
exit

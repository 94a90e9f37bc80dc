# verifier: reject
# expect: 12: Stack content is not initialized (valid_access(r1.offset+8, width=8) for read)
# A callee writes just past its caller's initialised bytes, into the bottom of its own frame, which
# moves the segment's frontier there; after the return that frame is gone, and the next callee's
# frame at the same place is unwritten (the soundness harness found this).
stdw [%r10-8], 0
mov %r1, %r10
add %r1, -8
call local write_past
mov %r1, %r10
add %r1, -8
call local read_past
mov %r0, 0
exit
write_past:
stdw [%r1+8], 1
mov %r0, 0
exit
read_past:
ldxdw %r0, [%r1+8]
exit

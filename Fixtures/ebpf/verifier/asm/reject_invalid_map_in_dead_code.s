# verifier: reject
# expect: 2: invalid map index 99
# expect: 5: invalid helper function id 1234
# Unknown maps and helpers are refused wherever they are, even where no path goes: the runtime
# could not prepare the program.
mov %r0, 0
exit
lddw %r1, map_idx(99)
mov %r0, 0
call 1234
exit

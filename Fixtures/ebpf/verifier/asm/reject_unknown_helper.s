# verifier: reject
# expect: 0: invalid helper function id 99
call 99
exit

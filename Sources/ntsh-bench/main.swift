// Benchmarks are added by the modules' helpers; see Bench+*.swift.
print("ntsh-bench: no benchmarks yet")

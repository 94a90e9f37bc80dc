// Benchmarks are added by the modules' helpers; see Bench+*.swift.
MapBenchmarks.run()
KernelBenchmarks.run()

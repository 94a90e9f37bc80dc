#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One `ntsh-bench` subcommand: add a `Bench+Name.swift` file and a row here.
struct BenchCommand: Sendable {
  /// The word after `ntsh-bench`.
  let name: String
  /// One line for the usage text.
  let summary: String
  /// Runs with the remaining arguments; returns the exit status.
  let run: @Sendable ([String]) -> Int32

  static let all: [BenchCommand] = [
    BenchCommand(
      name: "conformance", summary: "DIR [--mode checked|sanitizing]: run bpf_conformance files",
      run: Bench.conformance),
    BenchCommand(
      name: "datastack", summary: "[--pairs N]: DataStack push+pop pairs through Win32, the DLL, the IOCTL and the driver",
      run: DataStackBenchmarks.run),
    BenchCommand(
      name: "hooks", summary: "[path|maps]: the eBPF hook path (TraceConnections on binds), map work done by programs",
      run: { arguments in
        HookBenchmarks.run(only: arguments.first)
        return 0
      }),
    BenchCommand(
      name: "kernel", summary: "object-manager paths: named create+close, handle lookups, waits, pool",
      run: { _ in
        KernelBenchmarks.run()
        return 0
      }),
    BenchCommand(
      name: "maps", summary: "map operations as helpers perform them, against a Dictionary",
      run: { _ in
        MapBenchmarks.run()
        return 0
      }),
    BenchCommand(
      name: "soundness", summary: "N [--seed S] [--runs R]: random programs, accepted ones run sanitized",
      run: Bench.soundness),
    BenchCommand(
      name: "verify", summary: "FILE.o|synthetic: verification time per program and per instruction",
      run: Bench.verify),
    BenchCommand(
      name: "vm", summary: "FILE.o|FILE.bin N [--mode checked|sanitizing|unchecked]: time a kernel",
      run: Bench.vm),
  ]
}

/// Namespace of the subcommand implementations.
enum Bench {
  /// Prints to standard error and returns status 2 (usage errors).
  static func usage(_ message: String) -> Int32 {
    Bench.printError("ntsh-bench: \(message)\n")
    return 2
  }

  /// Writes to standard error.
  static func printError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
  }

  /// Monotonic time in nanoseconds.
  static func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  /// The value following `--flag`, if present.
  static func option(_ flag: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
  }

  /// Arguments that are not `--flag value` pairs.
  static func positional(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var i = 0
    while i < arguments.count {
      if arguments[i].hasPrefix("--") {
        i += 2
      } else {
        result.append(arguments[i])
        i += 1
      }
    }
    return result
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}

// ntsh-bench: release-mode benchmarks that print figures. Subcommands live in `Bench+Name.swift`
// files and are listed in `BenchCommand.all`.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let command = BenchCommand.all.first(where: { $0.name == name }) else {
  var usage = "usage: ntsh-bench <command> [arguments]\n\ncommands:\n"
  for c in BenchCommand.all { usage += "  \(c.name.padding(16))\(c.summary)\n" }
  Bench.printError(usage)
  exit(arguments.isEmpty || arguments.first == "help" ? 0 : 2)
}
exit(command.run(Array(arguments.dropFirst())))

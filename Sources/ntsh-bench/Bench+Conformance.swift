import BPF

extension Bench {
  /// `ntsh-bench conformance DIR`: one line per failing file, then `N passed, M failed`.
  @Sendable static func conformance(_ arguments: [String]) -> Int32 {
    let rest = positional(arguments)
    guard rest.count == 1 else { return usage("conformance needs one directory") }
    let mode: ExecutionMode
    switch option("--mode", in: arguments) ?? "checked" {
    case "checked": mode = .checked
    case "sanitizing": mode = .sanitizing
    case let other: return usage("unknown mode '\(other)' (checked or sanitizing)")
    }
    let files: [String]
    do {
      files = try ConformanceSuite.testFiles(in: rest[0])
    } catch {
      return usage(error.description)
    }
    let runner = ConformanceRunner(configuration: .init(mode: mode, instructionBudget: 1_000_000))
    var passed = 0
    var failed = 0
    var skipped = 0
    for file in files {
      let name = file.split(separator: "/").last.map(String.init) ?? file
      switch runner.run(file: file) {
      case .passed:
        passed += 1
      case .failed(let message):
        failed += 1
        print("\(name): \(message)")
      case .skipped(let message):
        skipped += 1
        print("\(name): skipped: \(message)")
      }
    }
    print("\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : ""))
    return failed > 0 ? 1 : 0
  }
}

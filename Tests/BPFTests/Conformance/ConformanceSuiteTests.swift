import Testing

@testable import BPF

/// Runs every file of ../shared/bpf_conformance/tests (next to the package root) when the folder
/// exists: in checked mode (direct-threaded engine) and in sanitizing mode (reference engine).
@Suite struct ConformanceSuiteTests {
  static let files: [String] = {
    guard let dir = ConformanceSuite.defaultDirectory() else { return [] }
    return (try? ConformanceSuite.testFiles(in: dir)) ?? []
  }()

  func failures(_ configuration: Interpreter.Configuration) -> [String] {
    let runner = ConformanceRunner(configuration: configuration)
    var failures: [String] = []
    for file in Self.files {
      switch runner.run(file: file) {
      case .passed: break
      case .failed(let m): failures.append("\(file.split(separator: "/").last ?? ""): \(m)")
      case .skipped(let m): failures.append("\(file.split(separator: "/").last ?? ""): skipped: \(m)")
      }
    }
    return failures
  }

  @Test(.enabled(if: !files.isEmpty)) func everyFilePassesInCheckedMode() {
    #expect(Self.files.count >= 313)
    #expect(failures(.init(mode: .checked, instructionBudget: 1_000_000)) == [])
  }

  @Test(.enabled(if: !files.isEmpty)) func everyFilePassesInSanitizingMode() {
    #expect(failures(.init(mode: .sanitizing, instructionBudget: 1_000_000)) == [])
  }
}

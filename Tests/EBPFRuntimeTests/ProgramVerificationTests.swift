import BPF
import EBPFRuntime
import Foundation
import Testing

/// The verifier on clang-built objects: every fixture program of `Fixtures/ebpf/programs` must be
/// accepted (precision). The seed's TraceConnections is checked in EbpfContextTests, where the seed
/// extraction and clang support live.
@Suite struct ProgramVerificationTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func objects(in folder: String) -> [String] {
    let dir = root.appendingPathComponent("Fixtures/ebpf/\(folder)").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".o") }.sorted()
      .map { dir + "/" + $0 }
  }

  /// Every program of an object with its verification (program type from the section name).
  static func verify(_ path: String, level: VerificationLevel = .normal) throws
    -> [(name: String, check: ProgramVerification, result: VerificationResult)]
  {
    let object = try BPFObject.load(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    return try object.programs.map { p in
      let type = try #require(SectionResolver.programType(forSection: p.sectionName), "section \(p.sectionName)")
      let check = try ProgramVerification(object: object, program: p, type: type)
      return (p.name, check, check.verify(options: VerifierOptions(level: level)))
    }
  }

  @Test(arguments: objects(in: "programs"))
  func fixtureProgramsAreAccepted(_ path: String) throws {
    for (name, check, result) in try Self.verify(path) {
      #expect(
        result.succeeded, "\(URL(fileURLWithPath: path).lastPathComponent) \(name):\n\(check.report(result).text)")
      #expect(result.proof != nil)
    }
  }

  @Test func theFixturesAreThere() {
    #expect(Self.objects(in: "programs").count >= 14)
  }
}

/// The C corpus of `Fixtures/ebpf/verifier`: each `<name>.c` states its expected verdict in
/// comments (`// verifier: accept|reject`, `// expect: <pc>: <message>` for every error in order,
/// `// loops: N`), and its committed `<name>.o` is verified.
@Suite struct VerifierObjectCorpusTests {
  struct Case: CustomTestStringConvertible {
    var object: String
    var accept = true
    var expected: [String] = []
    var loops: UInt64?
    var testDescription: String { URL(fileURLWithPath: object).lastPathComponent }
  }

  static func cases() -> [Case] {
    ProgramVerificationTests.objects(in: "verifier").compactMap { object in
      let source = String(object.dropLast(2)) + ".c"
      guard let text = try? String(contentsOfFile: source, encoding: .utf8) else { return nil }
      var c = Case(object: object)
      for line in text.split(separator: "\n") where line.hasPrefix("// ") {
        let body = line.dropFirst(3)
        guard let colon = body.firstIndex(of: ":") else { continue }
        let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        switch body[..<colon] {
        case "verifier": c.accept = value == "accept"
        case "expect": c.expected.append(value)
        case "loops": c.loops = UInt64(value)
        default: break
        }
      }
      return c
    }
  }

  @Test func theCorpusIsThere() {
    let all = Self.cases()
    #expect(all.filter(\.accept).count >= 4)
    #expect(all.filter { !$0.accept }.count >= 6)
  }

  @Test(arguments: cases())
  func verdictAndMessages(_ c: Case) throws {
    let programs = try ProgramVerificationTests.verify(c.object)
    #expect(programs.count == 1)
    for (_, check, result) in programs {
      let report = check.report(result).text
      if c.accept {
        #expect(result.succeeded, "\(report)")
        if let loops = c.loops { #expect(result.maxLoopCount == loops, "\(report)") }
      } else {
        #expect(!result.succeeded)
        #expect(result.errors.map(\.description) == c.expected, "\(report)")
      }
    }
  }
}

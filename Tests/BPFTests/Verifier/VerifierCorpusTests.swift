import Foundation
import Testing

@testable import BPF

/// The hand-written corpus in `Fixtures/ebpf/verifier/asm`: each `.s` file (bpf_conformance
/// dialect) starts with directives in comments —
/// `# verifier: accept|reject`, `# environment: bind|xdp|plain`, `# expect: <pc>: <message>`
/// (every error, in order), `# loops: N` (the reported loop bound of an accepted program).
@Suite struct VerifierCorpusTests {
  struct Case: CustomTestStringConvertible {
    var name: String
    var source: String
    var accept: Bool
    var environment: String
    var expected: [String]
    var loops: UInt64?
    var testDescription: String { name }
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/ebpf/verifier/asm").path

  static func load() -> [Case] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".s") }.sorted().compactMap { name in
      guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { return nil }
      var c = Case(name: name, source: text, accept: true, environment: "bind", expected: [], loops: nil)
      for line in text.split(separator: "\n") where line.hasPrefix("# ") {
        let body = line.dropFirst(2)
        guard let colon = body.firstIndex(of: ":") else { continue }
        let key = body[..<colon].trimmingCharacters(in: .whitespaces)
        let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        switch key {
        case "verifier": c.accept = value == "accept"
        case "environment": c.environment = value
        case "expect": c.expected.append(value)
        case "loops": c.loops = UInt64(value)
        default: break
        }
      }
      return c
    }
  }

  static func environment(_ name: String) -> VerifierEnvironment {
    switch name {
    case "xdp": VerifierFixtures.xdp
    case "plain": VerifierFixtures.plain
    default: VerifierFixtures.bind
    }
  }

  @Test func theCorpusIsThere() {
    let cases = Self.load()
    #expect(cases.count >= 40)
    #expect(cases.filter(\.accept).count >= 15)
    #expect(cases.filter { !$0.accept }.count >= 25)
  }

  @Test(arguments: load())
  func verdictAndMessages(_ c: Case) throws {
    let r = try VerifierFixtures.verify(c.source, Self.environment(c.environment))
    if c.accept {
      #expect(r.succeeded, "\(c.name): \(VerifierFixtures.errors(r))")
      if let loops = c.loops { #expect(r.maxLoopCount == loops, "\(c.name)") }
      #expect(r.proof != nil)
    } else {
      #expect(!r.succeeded, "\(c.name) was accepted")
      #expect(VerifierFixtures.errors(r) == c.expected, "\(c.name)")
      #expect(r.proof == nil)
    }
  }
}

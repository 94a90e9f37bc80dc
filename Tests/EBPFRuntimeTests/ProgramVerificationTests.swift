import BPF
import EBPFRuntime
import Foundation
import Testing

/// The verifier on clang-built objects: every fixture program of `Fixtures/ebpf/programs` must be
/// accepted (precision), as must the seed's TraceConnections, compiled at test time.
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

/// The seed's TraceConnections, extracted from the seed document and compiled with clang at test
/// time (skipped when either is missing). Its copy length min(32, app_id_end - app_id_start) is
/// safe only through the relation between that length and the app id's size.
@Suite struct SeedProgramVerificationTests {
  static let seedDirectory: String? = [ProgramVerificationTests.root.path + "/../shared/seed", "/work/shared/seed"]
    .first { FileManager.default.fileExists(atPath: $0) }

  static let clang: String? = {
    let candidates = [ProcessInfo.processInfo.environment["NTSH_CLANG"], "/opt/swift/usr/bin/clang", "/usr/bin/clang"]
    return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// From the second `#include <bpf_helpers.h>` (the full listing) through the LICENSE line.
  static func source() throws -> String? {
    guard let folder = seedDirectory,
      let name = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first(where: {
        $0.hasPrefix("000_") && $0.hasSuffix(".txt")
      })
    else { return nil }
    let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    let include = "#include <bpf_helpers.h>"
    guard let first = text.range(of: include),
      let second = text.range(of: include, range: first.upperBound..<text.endIndex),
      let license = text.range(of: "char LICENSE[]", range: second.upperBound..<text.endIndex),
      let end = text[license.upperBound...].firstIndex(of: "\n")
    else { return nil }
    return String(text[second.lowerBound...end])
  }

  /// Compiles C text with the repository's headers; returns the object's bytes.
  static func compile(_ source: String, clang: String) throws -> [UInt8] {
    let dir = NSTemporaryDirectory() + "ntsh-verifier-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try source.write(toFile: dir + "/seed.c", atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: clang)
    p.arguments = [
      "-target", "bpf", "-O2", "-g", "-ffreestanding", "-I", ProgramVerificationTests.root.path + "/include/ebpf",
      "-c", dir + "/seed.c", "-o", dir + "/seed.o",
    ]
    try p.run()
    p.waitUntilExit()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/seed.o")))
  }

  @Test(.enabled(if: seedDirectory != nil && clang != nil, "needs the seed documents and clang"))
  func traceConnectionsIsAccepted() throws {
    let source = try #require(try Self.source(), "the seed's full-code listing was not found")
    let object = try BPFObject.load(bytes: try Self.compile(source, clang: try #require(Self.clang)))
    let program = try #require(object.program(named: "TraceConnections"))
    let check = try ProgramVerification(object: object, program: program, type: .bind)
    let result = check.verify(options: VerifierOptions(level: .verbose))
    #expect(result.succeeded, "\(check.report(result).text)")
    #expect(
      check.report(result).text.hasSuffix("Verification succeeded\nProgram terminates within 0 loop iterations\n"))
    // The relation that makes the copy safe: the length never exceeds the app id's size.
    #expect(result.invariants.contains { $0.post.contains("r2.svalue-packet_size<=0") })
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

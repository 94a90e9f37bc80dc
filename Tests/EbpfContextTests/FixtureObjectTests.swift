import EbpfContext
import Foundation
import Testing

/// The committed fixture objects are what their sources build to (code sections compared, so a
/// different clang build string does not matter), and each source has its object.
@Suite struct FixtureObjectTests {
  static let folder = TestSupport.root + "/Fixtures/ebpf/programs"
  static let sources: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
    .filter { $0.hasSuffix(".c") }.sorted()

  @Test func thereAreFixturePrograms() {
    #expect(Self.sources.count >= 13)
  }

  @Test(arguments: sources)
  func objectIsCommittedBesideItsSource(source: String) throws {
    let object = Self.folder + "/" + source.dropLast(2) + ".o"
    let elf = try #require(ELFSections(path: object), "\(object) is missing or not ELF")
    #expect(elf.sections.contains { $0.isCode && $0.name != ".text" }, "no program section in \(object)")
  }

  @Test(.enabled(if: TestSupport.clang != nil, "needs clang with the BPF target"), arguments: sources)
  func objectMatchesItsSource(source: String) throws {
    let text = try String(contentsOfFile: Self.folder + "/" + source, encoding: .utf8)
    let flags = try String(contentsOfFile: Self.folder + "/CFLAGS", encoding: .utf8)
      .split(separator: " ").map { String($0).replacingOccurrences(of: "\n", with: "") }
      .filter { !$0.isEmpty && !$0.hasPrefix("-I") }
    let (outcome, rebuilt) = try TestSupport.compile(text, name: String(source.dropLast(2)), extraFlags: flags)
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
    let fresh = try #require(ELFSections(path: rebuilt))
    let committed = try #require(ELFSections(path: Self.folder + "/" + source.dropLast(2) + ".o"))
    let code = { (elf: ELFSections) in elf.sections.filter(\.isCode).map { "\($0.name):\($0.bytes)" } }
    #expect(code(fresh) == code(committed), "rebuild with scripts/build-ebpf-fixtures.sh")
  }
}

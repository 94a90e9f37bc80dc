import Testing

@testable import BPF

/// Replays the btf fuzz target's findings (`Fixtures/bad/elf/*.btf-input`) through the same steps
/// as the target: each must finish, and the formatter must have stayed within its node budget.
@Suite struct BTFFuzzRegressionTests {
  static var inputs: [String] { (try? Fixture.files(in: "bad/elf", withExtension: "btf-input")) ?? [] }

  /// Counts formatted values, elided ones by their count.
  static func size(_ v: BTFValue) -> Int {
    switch v {
    case .array(let items): 1 + items.reduce(0) { $0 + size($1) }
    case .fields(let fields): 1 + fields.reduce(0) { $0 + size($1.value) }
    default: 1
    }
  }

  @Test(arguments: inputs)
  func replay(_ file: String) throws {
    let bytes = try Fixture.bytes("bad/elf/" + file)
    try #require(bytes.count >= 4)
    let declared = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
    let split = min(4 + declared, bytes.count)
    let btf: BTF
    do {
      btf = try BTF.parse(bytes: Array(bytes[4..<split]))
    } catch {
      // Refusing the input with a clear error is a clean finish too (the nested-members input is
      // a struct that contains itself, refused since the layout check).
      #expect(!error.message.isEmpty)
      return
    }
    _ = btf.dumpRaw()
    let sample = Array(bytes[4..<split].prefix(256))
    for id in 0...UInt32(btf.count) {
      _ = btf.typeName(id)
      let value = btf.format(sample, as: id)
      // A value carries at most the budget's nodes plus one summary per open level.
      #expect(Self.size(value) <= BTFFormatOptions().maxNodes + 2 * (BTFFormatOptions().maxDepth + 2))
    }
    _ = try? BTFExt.parse(bytes: Array(bytes[split...]), btf: btf)
  }

  @Test func inputsAreListedInTheReadme() throws {
    let readme = String(decoding: try Fixture.bytes("bad/elf/README.md"), as: UTF8.self)
    for name in Self.inputs { #expect(readme.contains("`\(name)`")) }
    #expect(!Self.inputs.isEmpty)
  }
}

import EbpfContext
import Foundation

/// Paths and tools the header and compiler tests need.
enum TestSupport {
  /// The repository root, found from this file.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// The repository's include folder.
  static let includeDirectory = root + "/include/ebpf"

  /// The seed folder: `../shared/seed` beside the checkout (CI), else the workspace copy.
  static let seedDirectory: String? = [root + "/../shared/seed", "/work/shared/seed"].first {
    FileManager.default.fileExists(atPath: $0)
  }

  /// The clang tests use (NTSH_CLANG or clang from PATH), if it runs and has the BPF target.
  static let clang: String? = {
    let candidate = ClangCompiler.defaultClang(environment: ProcessInfo.processInfo.environment["NTSH_CLANG"])
    guard let outcome = try? Subprocess.run(candidate, arguments: ["-print-targets"]), outcome.succeeded,
      String(decoding: outcome.output, as: UTF8.self).contains("bpf")
    else { return nil }
    return candidate
  }()

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "ntsh-ebpf-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Compiles C text against the repository's headers; returns clang's outcome and the object path.
  static func compile(_ source: String, name: String = "probe", extraFlags: [String] = []) throws
    -> (outcome: Subprocess.Outcome, object: String)
  {
    let directory = try temporaryDirectory()
    try source.write(toFile: directory + "/\(name).c", atomically: true, encoding: .utf8)
    let compiler = ClangCompiler(clang: clang ?? "clang", includeDirectory: includeDirectory)
    let arguments = compiler.arguments(source: "\(name).c", output: "\(name).o", workingDirectory: directory)
    let outcome = try Subprocess.run(compiler.clang, arguments: extraFlags + arguments)
    return (outcome, directory + "/\(name).o")
  }
}

/// Just enough of ELF64 (little-endian) to list an object's sections: names, flags and bytes.
struct ELFSections {
  struct Section {
    var name: String
    var flags: UInt64
    var bytes: [UInt8]
    /// SHF_EXECINSTR.
    var isCode: Bool { flags & 4 != 0 }
  }

  var sections: [Section] = []

  init?(path: String) {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    self.init(bytes: [UInt8](data))
  }

  init?(bytes b: [UInt8]) {
    func u16(_ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
    func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
    func u64(_ o: Int) -> Int { u32(o) | u32(o + 4) << 32 }
    guard b.count >= 64, b[0...3] == [0x7F, 0x45, 0x4C, 0x46], b[4] == 2, b[5] == 1 else { return nil }
    let shoff = u64(0x28)
    let entry = u16(0x3A)
    let count = u16(0x3C)
    let names = u16(0x3E)
    guard entry >= 64, names < count, shoff + count * entry <= b.count else { return nil }
    func header(_ i: Int) -> (name: Int, type: Int, flags: Int, offset: Int, size: Int) {
      let h = shoff + i * entry
      return (u32(h), u32(h + 4), u64(h + 8), u64(h + 24), u64(h + 32))
    }
    let table = header(names)
    for i in 0..<count {
      let h = header(i)
      var end = table.offset + h.name
      while end < b.count && b[end] != 0 { end += 1 }
      let name = String(decoding: b[min(table.offset + h.name, end)..<end], as: UTF8.self)
      let isNoBits = h.type == 8
      guard isNoBits || h.offset + h.size <= b.count else { return nil }
      sections.append(
        Section(name: name, flags: UInt64(h.flags), bytes: isNoBits ? [] : Array(b[h.offset..<h.offset + h.size])))
    }
  }

  /// The section with this name.
  func section(_ name: String) -> Section? { sections.first { $0.name == name } }

  /// The helper ids a code section calls, in order (`call imm` with source register 0).
  func helperCalls(in name: String) -> [Int64] {
    guard let code = section(name)?.bytes else { return [] }
    var calls: [Int64] = []
    var i = 0
    while i + 8 <= code.count {
      let imm = Int32(bitPattern: UInt32(code[i + 4]) | UInt32(code[i + 5]) << 8 | UInt32(code[i + 6]) << 16
        | UInt32(code[i + 7]) << 24)
      if code[i] == 0x85 && code[i + 1] >> 4 == 0 { calls.append(Int64(imm)) }
      i += code[i] == 0x18 ? 16 : 8  // lddw takes two slots
    }
    return calls
  }
}

extension Subprocess.Outcome {
  /// What the program wrote, as text (for failure messages).
  var text: String { String(decoding: output, as: UTF8.self) }
}

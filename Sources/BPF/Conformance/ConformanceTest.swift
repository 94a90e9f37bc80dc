/// One test file of the bpf_conformance suite: a program (assembly or raw words), an optional
/// input buffer, and the expected `r0` or error text.
public struct ConformanceTest: Hashable, Sendable {
  /// The file name (e.g. `lddw.data`).
  public var name: String
  /// The `-- asm` section.
  public var assembly: String = ""
  /// The `-- raw` section: instruction words; takes precedence over `assembly` when present.
  public var raw: [UInt64]?
  /// The `-- mem` section: the input buffer (r1 = its address, r2 = its length).
  public var memory: [UInt8] = []
  /// The `-- result` section: expected r0.
  public var expectedResult: UInt64?
  /// The `-- error` section: expected error text.
  public var expectedError: String?
  /// Set when the file has a section this runner does not know; the suite's runner skips such files.
  public var unsupportedSection: String?

  /// Parses the text of a test file. Section names are matched by substring as the suite's own
  /// parser does; `-- c` and `-- no register offset` are ignored.
  public static func parse(_ text: String, name: String) throws(ConformanceError) -> ConformanceTest {
    enum Section { case none, asm, raw, mem, result, error, ignored }
    var test = ConformanceTest(name: name)
    var section = Section.none
    var asmLines: [Substring] = []
    var resultText = ""
    var errorLines: [Substring] = []
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      if line.contains("--") {
        let title = line.replacingDashes
        if title.contains("asm") {
          section = .asm
        } else if title.contains("raw") {
          section = .raw
          test.raw = test.raw ?? []
        } else if title.contains("mem") {
          section = .mem
        } else if title.contains("result") {
          section = .result
        } else if title.contains("error") {
          section = .error
        } else if title.contains("no register offset") || title == "c" {
          section = .ignored
        } else {
          test.unsupportedSection = test.unsupportedSection ?? title
          section = .ignored
        }
        continue
      }
      switch section {
      case .none, .ignored: continue
      case .asm: asmLines.append(line)
      case .result: resultText += line.trimmed
      case .error: if !line.trimmed.isEmpty { errorLines.append(line.trimmed) }
      case .raw:
        let word = line.trimmed
        guard !word.isEmpty else { continue }
        guard let v = parseNumber(word) else {
          throw .parse(file: name, line: lineNumber, "invalid raw instruction word '\(word)'")
        }
        test.raw?.append(v)
      case .mem:
        for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
          guard token.count <= 2, let b = UInt8(token, radix: 16) else {
            throw .parse(file: name, line: lineNumber, "invalid memory byte '\(token)'")
          }
          test.memory.append(b)
        }
      }
    }
    test.assembly = asmLines.joined(separator: "\n")
    if !resultText.isEmpty {
      guard let v = parseNumber(Substring(resultText)) else {
        throw .parse(file: name, line: lineNumber, "invalid result '\(resultText)'")
      }
      test.expectedResult = v
    }
    if !errorLines.isEmpty { test.expectedError = errorLines.joined(separator: "\n") }
    return test
  }

  /// Reads and parses a test file.
  public static func parse(contentsOf path: String) throws(ConformanceError) -> ConformanceTest {
    let bytes = try FileAccess.read(path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return try parse(String(decoding: bytes, as: UTF8.self), name: name)
  }

  /// The program's instruction slots: from `raw` if present, else assembled.
  public func slots() throws(AssemblyError) -> [Instruction] {
    if let raw { return raw.map(Instruction.init(raw:)) }
    return try Assembler.assemble(assembly)
  }

  /// Hexadecimal when it contains `0x` (optionally negative), decimal otherwise (optionally signed).
  static func parseNumber(_ text: Substring) -> UInt64? {
    var t = text.trimmed
    var negative = false
    if t.hasPrefix("-") {
      negative = true
      t = t.dropFirst()
    }
    let magnitude: UInt64?
    if t.hasPrefix("0x") || t.hasPrefix("0X") {
      magnitude = UInt64(t.dropFirst(2), radix: 16)
    } else {
      magnitude = UInt64(t)
    }
    guard let m = magnitude else { return nil }
    return negative ? 0 &- m : m
  }
}

extension Substring {
  /// The section title after the `--` marker.
  fileprivate var replacingDashes: String {
    var s = self
    while s.first == "-" || s.first == " " || s.first == "\t" { s = s.dropFirst() }
    return String(s.trimmed)
  }
}

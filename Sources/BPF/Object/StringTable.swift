/// A table of NUL-terminated strings addressed by byte offset (ELF `.strtab`, BTF string section).
struct StringTable: Sendable {
  /// Why a string could not be read.
  enum Failure: Error {
    /// The offset lies outside the table.
    case outOfRange
    /// No NUL ends the string within the table or within the length limit.
    case unterminated
    /// The total string budget of this load is spent.
    case budgetExhausted
  }

  let view: ByteView

  init(_ view: ByteView) { self.view = view }

  /// Number of bytes in the table.
  var count: Int { view.count }

  /// The string at `offset`, charged to `budget`.
  func string(at offset: Int, budget: inout StringBudget) throws(Failure) -> String {
    guard offset >= 0, offset < view.count else { throw .outOfRange }
    let start = view.base + offset
    let limit = view.base + min(view.count, offset + budget.maxLength)
    var end = start
    let bytes = view.bytes
    while end < limit, bytes[end] != 0 { end += 1 }
    guard end < limit else { throw .unterminated }
    guard budget.charge(end - start + 1) else { throw .budgetExhausted }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

extension StringTable.Failure {
  /// A short phrase for messages: "is beyond the end of the table (N bytes)".
  func phrase(offset: Int, table: String, size: Int, limits: ObjectLimits) -> String {
    switch self {
    case .outOfRange:
      "string offset \(hex(offset)) is beyond the end of \(table) (\(hex(size)) bytes)"
    case .unterminated:
      "string at offset \(hex(offset)) in \(table) is not NUL-terminated within \(limits.maxStringLength) bytes"
    case .budgetExhausted:
      "more than \(limits.maxStringBytes) bytes of strings decoded (limit)"
    }
  }
}

/// Lower-case hexadecimal with a `0x` prefix, as messages print offsets and sizes.
func hex<T: BinaryInteger>(_ value: T) -> String {
  value < 0 ? "-0x" + String(value.magnitude, radix: 16) : "0x" + String(value, radix: 16)
}

/// Bytes of a BTF type rendered as a structured value (see `BTF.format(_:as:options:)`).
public indirect enum BTFValue: Sendable, Hashable {
  /// A signed integer (or a signed bitfield).
  case signed(Int64)
  /// An unsigned integer (or an unsigned bitfield).
  case unsigned(UInt64)
  /// A boolean.
  case bool(Bool)
  /// A floating-point number.
  case float(Double)
  /// A character array that holds text, decoded.
  case string(String)
  /// Array elements.
  case array([BTFValue])
  /// Struct, union or data-section fields in declaration order.
  case fields([BTFField])
  /// An enum value with the name of the matching enumerator (empty when none matches).
  case enumerator(name: String, value: Int64)
  /// A pointer value.
  case pointer(UInt64)
  /// Bytes with no typed rendering: 128-bit integers, forward declarations, values cut short.
  case bytes([UInt8])
  /// Elements left out because the formatter's node budget ran out.
  case elided(count: Int)

  /// The field with this name, when the value is a struct or union.
  public subscript(field name: String) -> BTFValue? {
    if case .fields(let fields) = self { return fields.first { $0.name == name }?.value }
    return nil
  }
}

/// One named field of a formatted struct, union or data section.
public struct BTFField: Sendable, Hashable {
  /// The member's name (empty for an anonymous member).
  public let name: String
  /// The member's value.
  public let value: BTFValue

  /// Creates a field.
  public init(name: String, value: BTFValue) {
    self.name = name
    self.value = value
  }
}

extension BTFValue: CustomStringConvertible {
  /// A compact one-line rendering: `{id: 7, name: "svchost.exe", count: 2}`.
  public var description: String {
    switch self {
    case .signed(let v): String(v)
    case .unsigned(let v): String(v)
    case .bool(let v): v ? "true" : "false"
    case .float(let v): String(v)
    case .string(let s): quoted(s)
    case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
    case .fields(let fields):
      "{" + fields.map { ($0.name.isEmpty ? "" : $0.name + ": ") + $0.value.description }.joined(separator: ", ") + "}"
    case .enumerator(let name, let value): name.isEmpty ? String(value) : name
    case .pointer(let v): hex(v)
    case .bytes(let b): "<" + b.map { byteHex($0) }.joined(separator: " ") + ">"
    case .elided(let n): "… \(n) more"
    }
  }

  /// JSON text with bpftool-like conventions: numbers for integers, strings for text and enum
  /// names, hex strings for pointers and raw bytes; `indent` spaces per level (0: one line).
  public func json(indent: Int = 0) -> String {
    var out = ""
    writeJSON(into: &out, indent: indent, level: 0)
    return out
  }

  private func writeJSON(into out: inout String, indent: Int, level: Int) {
    let newline = indent > 0 ? "\n" : ""
    let pad = String(repeating: " ", count: indent * (level + 1))
    let closePad = String(repeating: " ", count: indent * level)
    let separator = indent > 0 ? ": " : ":"
    switch self {
    case .signed(let v): out += String(v)
    case .unsigned(let v): out += String(v)
    case .bool(let v): out += v ? "true" : "false"
    case .float(let v): out += v.isFinite ? String(v) : quoted(String(v))
    case .string(let s): out += quoted(s)
    case .enumerator(let name, let value): out += name.isEmpty ? String(value) : quoted(name)
    case .pointer(let v): out += quoted(hex(v))
    case .bytes(let b): out += "[" + b.map { quoted(byteHex($0)) }.joined(separator: ",") + "]"
    case .elided(let n): out += quoted("… \(n) more")
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[" + newline
      for (i, item) in items.enumerated() {
        out += pad
        item.writeJSON(into: &out, indent: indent, level: level + 1)
        out += (i + 1 < items.count ? "," : "") + newline
      }
      out += closePad + "]"
    case .fields(let fields):
      if fields.isEmpty {
        out += "{}"
        return
      }
      out += "{" + newline
      for (i, f) in fields.enumerated() {
        out += pad + quoted(f.name) + separator
        f.value.writeJSON(into: &out, indent: indent, level: level + 1)
        out += (i + 1 < fields.count ? "," : "") + newline
      }
      out += closePad + "}"
    }
  }
}

private func byteHex(_ b: UInt8) -> String {
  let digits = Array("0123456789abcdef")
  return "0x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
}

/// A double-quoted string with JSON escapes.
private func quoted(_ s: String) -> String { BTFValue.jsonString(s) }

extension BTFValue {
  /// A JSON string literal as bpftool's writer makes it: `\t \n \r \f \b \\ \"` escaped by
  /// letter, other control characters as `\u00XX`.
  public static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let h = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

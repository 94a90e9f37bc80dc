import BPF

/// A JSON document built by the show commands, written as bpftool's pretty JSON writer writes it
/// (`json_writer.c`): four spaces per level, members in insertion order, scalars of an array on one
/// line (`[3,4]`), objects glued to the brackets around them (`[{` … `},{` … `}`), a final newline.
indirect enum JSONValue {
  case number(Int64)
  case unsigned(UInt64)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])
  /// A number already formatted (floats).
  case literal(String)

  /// The document with its trailing newline.
  var text: String {
    var w = Writer()
    w.value(self)
    return w.out + "\n"
  }

  /// json_writer's state machine: a separator owed before the next element, and the depth.
  private struct Writer {
    var out = ""
    var depth = 0
    var separator: Character?

    mutating func endOfRecord() {
      if let s = separator { out.append(s) }
      separator = ","
    }

    mutating func endOfLine() {
      out += "\n" + String(repeating: " ", count: 4 * depth)
    }

    mutating func begin(_ c: Character) {
      endOfRecord()
      out.append(c)
      depth += 1
      separator = nil
    }

    mutating func end(_ c: Character) {
      depth -= 1
      if separator != nil { endOfLine() }
      out.append(c)
      separator = ","
    }

    mutating func scalar(_ text: String) {
      endOfRecord()
      out += text
    }

    mutating func value(_ v: JSONValue) {
      switch v {
      case .number(let n): scalar(String(n))
      case .unsigned(let n): scalar(String(n))
      case .string(let s): scalar(JSONValue.quote(s))
      case .bool(let b): scalar(b ? "true" : "false")
      case .null: scalar("null")
      case .literal(let l): scalar(l)
      case .array(let items):
        begin("[")
        for item in items { value(item) }
        end("]")
      case .object(let members):
        begin("{")
        for (name, member) in members {
          endOfRecord()
          endOfLine()
          separator = nil
          out += JSONValue.quote(name) + ": "
          value(member)
        }
        end("}")
      }
    }
  }

  /// A JSON string literal as bpftool writes it.
  static func quote(_ s: String) -> String { BTFValue.jsonString(s) }

  /// Bytes as bpftool's JSON dump writes them: `["0x00","0x1f"]`.
  static func hexBytes(_ bytes: [UInt8]) -> JSONValue {
    .array(bytes.map { .string("0x" + ($0 < 16 ? "0" : "") + String($0, radix: 16)) })
  }

  /// A BTF-formatted value as JSON (bpftool's `formatted` member).
  init(_ v: BTFValue) {
    switch v {
    case .signed(let n): self = .number(n)
    case .unsigned(let n): self = .unsigned(n)
    case .bool(let b): self = .bool(b)
    case .float(let f): self = f.isFinite ? .literal(String(f)) : .string(String(f))
    case .string(let s): self = .string(s)
    case .array(let items): self = .array(items.map(JSONValue.init))
    case .fields(let fields): self = .object(fields.map { ($0.name, JSONValue($0.value)) })
    case .enumerator(let name, let value): self = name.isEmpty ? .number(value) : .string(name)
    case .pointer(let p): self = .string("0x" + String(p, radix: 16))
    case .bytes(let b): self = JSONValue.hexBytes(b)
    case .elided(let n): self = .string("… \(n) more")
    }
  }
}

import Kernel
import NTCore
import Shell

/// Parsing of the values object commands take: handles, addresses, access masks, yes/no.
enum Parse {
  /// A handle: `0x1a4`, `420`, or a kernel handle `0xffffffff80000124`.
  static func handle(_ text: String?) throws -> Handle {
    guard let text, let v = Arguments.parseInteger(text) else {
      throw ObjectFailure.message("'\(text ?? "")' is not a handle value (write it as 0x1a4 or 420).")
    }
    return Handle(UInt64(bitPattern: v))
  }

  /// Several handles separated by commas.
  static func handles(_ text: String?) throws -> [Handle] {
    guard let text, !text.isEmpty else { throw ObjectFailure.message("Give at least one handle.") }
    return try text.split(separator: ",").map { try handle(String($0)) }
  }

  /// A kernel address: `ffffad8d14503080`, `0xffff…`, or WinDbg's `ffffad8d`14503080`.
  static func address(_ text: String?) throws -> UInt64 {
    guard var t = text?.lowercased(), !t.isEmpty else { throw ObjectFailure.message("Give an address.") }
    t.removeAll { $0 == "`" }
    if t.hasPrefix("0x") { t.removeFirst(2) }
    guard t.count <= 16, let v = UInt64(t, radix: 16) else {
      throw ObjectFailure.message("'\(text ?? "")' is not an address (16 hex digits, e.g. ffffad8d14503080).")
    }
    return v
  }

  /// yes/no (the tags are choices, so only canonical words arrive).
  static func flag(_ text: String?) -> Bool { text == "yes" || text == "on" || text == "enabled" }

  /// An access mask: a number, or names joined by `|` or `,` (GENERIC_READ, DELETE, the type's
  /// specific rights such as MODIFY_STATE, MAXIMUM_ALLOWED…).
  static func access(_ text: String?, type: ObjectType?, default fallback: AccessMask) throws -> AccessMask {
    guard let text, !text.isEmpty else { return fallback }
    if let v = Arguments.parseInteger(text) {
      guard v >= 0, v <= Int64(UInt32.max) else { throw ObjectFailure.message("'\(text)' is not a 32-bit access mask.") }
      return AccessMask(UInt32(v))
    }
    var mask: UInt32 = 0
    for word in text.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == "+" }) {
      let w = word.uppercased()
      if let bit = standard[w] {
        mask |= bit
      } else if let bit = type?.specificRights.first(where: { $0.1 == w || (type!.name.uppercased() + "_" + $0.1) == w })?.0 {
        mask |= bit
      } else {
        let known = (type?.specificRights.map(\.1) ?? []) + standard.keys.sorted()
        throw ObjectFailure.message("'\(word)' is not an access right here. Known: \(known.joined(separator: ", ")).")
      }
    }
    return AccessMask(mask)
  }

  static let standard: [String: UInt32] = [
    "DELETE": 0x1_0000, "READ_CONTROL": 0x2_0000, "WRITE_DAC": 0x4_0000, "WRITE_OWNER": 0x8_0000,
    "SYNCHRONIZE": 0x10_0000, "ACCESS_SYSTEM_SECURITY": 0x100_0000, "MAXIMUM_ALLOWED": 0x200_0000,
    "GENERIC_ALL": 0x1000_0000, "GENERIC_EXECUTE": 0x2000_0000, "GENERIC_WRITE": 0x4000_0000,
    "GENERIC_READ": 0x8000_0000, "GA": 0x1000_0000, "GX": 0x2000_0000, "GW": 0x4000_0000, "GR": 0x8000_0000,
    "ALL": 0x1000_0000, "STANDARD_RIGHTS_REQUIRED": 0xF_0000,
  ]

  /// Milliseconds or `infinite`.
  static func milliseconds(_ text: String?, default fallback: UInt32) throws -> UInt32 {
    guard let text else { return fallback }
    if text.lowercased().hasPrefix("inf") { return 0xFFFF_FFFF }
    guard let v = Arguments.parseInteger(text), v >= 0, v < 0xFFFF_FFFF else {
      throw ObjectFailure.message("'\(text)' is not a time in milliseconds (0 to 4294967294, or infinite).")
    }
    return UInt32(v)
  }
}

/// Text layout helpers.
enum Format {
  /// `0x1a4`.
  static func handle(_ h: Handle) -> String { h.description }

  /// A padded column.
  static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    guard s.count < width else { return s }
    let fill = String(repeating: " ", count: width - s.count)
    return right ? fill + s : s + fill
  }

  /// Rows under a header, columns padded to their widest cell; `right` lists right-aligned columns.
  static func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) -> [String] {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, c) in cells.enumerated() {
        let last = i == cells.count - 1
        parts.append(last && !right.contains(i) ? c : pad(c, widths[i], right: right.contains(i)))
      }
      var text = parts.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      return text
    }
    let dashes = header.map { $0.allSatisfy { $0 == " " } ? "" : String(repeating: "-", count: $0.count) }
    return [line(header), line(dashes)] + rows.map(line)
  }

  /// `00000000` style 8-digit hex, lower case.
  static func hex8(_ v: UInt32) -> String { KdFormat.pad(UInt64(v), 8) }

  /// An access mask with its names: `0x001F0003 (QUERY_STATE MODIFY_STATE DELETE …)`.
  static func access(_ m: AccessMask, type: ObjectType?) -> String {
    let names = type?.accessNames(m) ?? m.standardNames
    return "0x" + hex8(m.rawValue).uppercased() + (names.isEmpty ? "" : " (" + names.joined(separator: " ") + ")")
  }

  /// Milliseconds as seconds with three decimals: `12.450 s`.
  static func seconds(_ ticks: Int64) -> String {
    let ms = ticks / Dispatcher.ticksPerMillisecond
    let frac = String(ms.magnitude % 1000)
    return "\(ticks < 0 ? "-" : "")\(ms.magnitude / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac) s"
  }

  /// A SID with its account name when known.
  static func sid(_ s: SID, kernel: Kernel) -> String {
    if let w = s.wellKnownAccount { return "\(s) (\(w.name))" }
    if let p = kernel.processes.first(where: { $0.token.user == s }) { return "\(s) (\(p.token.userName))" }
    return s.description
  }
}

import NTCore

/// The SDDL subset ntsh reads and writes: `O:`, `G:`, `D:` and `S:` with A, D, AU and ML ACEs,
/// inheritance flags, rights as hex, decimal or two-letter codes, and `D:NO_ACCESS_CONTROL`.
public enum SDDL {
  /// Why a string is not a security descriptor.
  public struct ParseError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, for the user.
    public let description: String
  }

  /// Parses SDDL text, e.g. `O:BAG:SYD:(A;;GA;;;SY)(A;;GR;;;WD)S:(ML;;NW;;;LW)`.
  public static func parse(_ text: String) throws(ParseError) -> SecurityDescriptor {
    var sd = SecurityDescriptor(owner: nil, group: nil, dacl: nil, daclPresent: false)
    var rest = Substring(text.filter { $0 != " " })
    while !rest.isEmpty {
      guard rest.count >= 2, rest.dropFirst().first == ":" else {
        throw ParseError(description: "Expected O:, G:, D: or S: at '\(rest.prefix(12))'.")
      }
      let key = rest.first!.uppercased()
      rest = rest.dropFirst(2)
      // A component runs until the next `X:` (X in O, G, D, S) outside parentheses.
      var depth = 0
      var end = rest.startIndex
      while end < rest.endIndex {
        let c = rest[end]
        if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
        let next = rest.index(after: end)
        if depth == 0, end > rest.startIndex, next < rest.endIndex, rest[next] == ":", "OGDSogds".contains(c) { break }
        end = next
      }
      let component = rest[rest.startIndex..<end]
      rest = rest[end...]
      switch key {
      case "O": sd.owner = try sid(String(component))
      case "G": sd.group = try sid(String(component))
      case "D":
        if component.uppercased() == "NO_ACCESS_CONTROL" {
          sd.daclPresent = true
          sd.dacl = nil
        } else {
          let (acl, protected) = try acl(component, label: false)
          sd.daclPresent = true
          sd.dacl = acl
          if protected { sd.extraControl |= SecurityDescriptor.daclProtected }
        }
      case "S":
        let (acl, _) = try acl(component, label: true)
        sd.sacl = acl
      default:
        throw ParseError(description: "Unknown SDDL component '\(key):'.")
      }
    }
    for (name, acl) in [("DACL", sd.dacl), ("SACL", sd.sacl)] {
      guard let acl, acl.size > ACL.maximumSize else { continue }
      throw ParseError(
        description: "The \(name) would be \(acl.size) bytes (\(acl.aces.count) ACEs); an ACL holds at most "
          + "\(ACL.maximumSize) bytes (AclSize is 16 bits).")
    }
    return sd
  }

  /// The SDDL text of a descriptor.
  public static func format(_ sd: SecurityDescriptor) -> String {
    var s = ""
    if let o = sd.owner { s += "O:" + (o.sddlAlias ?? o.description) }
    if let g = sd.group { s += "G:" + (g.sddlAlias ?? g.description) }
    if sd.daclPresent {
      s += "D:"
      if sd.extraControl & SecurityDescriptor.daclProtected != 0 { s += "P" }
      if let d = sd.dacl { s += d.aces.map(format).joined() } else { s += "NO_ACCESS_CONTROL" }
    }
    if let sacl = sd.sacl { s += "S:" + sacl.aces.map(format).joined() }
    return s
  }

  static func format(_ ace: ACE) -> String {
    let type: String
    switch ace.kind {
    case .allowed: type = "A"
    case .denied: type = "D"
    case .audit: type = "AU"
    case .mandatoryLabel: type = "ML"
    }
    var flags = ""
    for (bit, code) in flagCodes where ace.flags & bit != 0 { flags += code }
    let rights: String
    if ace.kind == .mandatoryLabel {
      rights = labelCodes.filter { ace.mask.rawValue & $0.0 != 0 }.map(\.1).joined()
    } else if let code = rightCodes.first(where: { $0.0 == ace.mask.rawValue })?.1 {
      rights = code
    } else {
      rights = "0x" + String(ace.mask.rawValue, radix: 16)
    }
    return "(\(type);\(flags);\(rights);;;\(ace.sid.sddlAlias ?? ace.sid.description))"
  }

  public static let flagCodes: [(UInt8, String)] = [
    (ACE.objectInherit, "OI"), (ACE.containerInherit, "CI"), (ACE.noPropagateInherit, "NP"),
    (ACE.inheritOnly, "IO"), (ACE.inherited, "ID"), (ACE.successfulAccess, "SA"), (ACE.failedAccess, "FA"),
  ]
  static let rightCodes: [(UInt32, String)] = [
    (0x1000_0000, "GA"), (0x8000_0000, "GR"), (0x4000_0000, "GW"), (0x2000_0000, "GX"),
    (0x0002_0000, "RC"), (0x0001_0000, "SD"), (0x0004_0000, "WD"), (0x0008_0000, "WO"),
  ]
  static let labelCodes: [(UInt32, String)] = [(1, "NW"), (2, "NR"), (4, "NX")]

  private static func sid(_ text: String) throws(ParseError) -> SID {
    guard let s = SID(text) else { throw ParseError(description: "'\(text)' is not a SID or SDDL SID alias.") }
    return s
  }

  private static func acl(_ text: Substring, label: Bool) throws(ParseError) -> (ACL, Bool) {
    var rest = text
    var protected = false
    while let c = rest.first, c != "(" {
      if rest.hasPrefix("P") { protected = true; rest = rest.dropFirst() }
      else if rest.hasPrefix("AI") || rest.hasPrefix("AR") { rest = rest.dropFirst(2) }
      else { throw ParseError(description: "Unexpected '\(c)' in an ACL.") }
    }
    var aces: [ACE] = []
    while !rest.isEmpty {
      guard rest.first == "(", let close = rest.firstIndex(of: ")") else {
        throw ParseError(description: "An ACE must be written (type;flags;rights;;;sid).")
      }
      let fields = rest[rest.index(after: rest.startIndex)..<close].split(separator: ";", omittingEmptySubsequences: false)
      rest = rest[rest.index(after: close)...]
      guard fields.count == 6 else { throw ParseError(description: "An ACE has six fields separated by ';'.") }
      let kind: ACE.Kind
      switch fields[0].uppercased() {
      case "A": kind = .allowed
      case "D": kind = .denied
      case "AU": kind = .audit
      case "ML": kind = .mandatoryLabel
      default: throw ParseError(description: "Unknown ACE type '\(fields[0])' (A, D, AU or ML).")
      }
      if label != (kind == .mandatoryLabel || kind == .audit) {
        throw ParseError(description: label ? "The SACL holds only ML and AU ACEs." : "A DACL holds only A and D ACEs.")
      }
      var flags: UInt8 = 0
      var f = fields[1]
      while !f.isEmpty {
        guard let (bit, _) = flagCodes.first(where: { f.uppercased().hasPrefix($0.1) }) else {
          throw ParseError(description: "Unknown ACE flag in '\(fields[1])'.")
        }
        flags |= bit
        f = f.dropFirst(2)
      }
      let mask = try rights(fields[2], label: kind == .mandatoryLabel)
      aces.append(ACE(kind, AccessMask(mask), try sid(String(fields[5])), flags: flags))
    }
    return (ACL(aces), protected)
  }

  private static func rights(_ text: Substring, label: Bool) throws(ParseError) -> UInt32 {
    if text.hasPrefix("0x") || text.hasPrefix("0X") {
      guard let v = UInt32(text.dropFirst(2), radix: 16) else { throw ParseError(description: "Bad rights '\(text)'.") }
      return v
    }
    if let v = UInt32(text) { return v }
    let codes = label ? labelCodes : rightCodes
    var mask: UInt32 = 0
    var t = text
    while !t.isEmpty {
      guard let (bit, _) = codes.first(where: { t.uppercased().hasPrefix($0.1) }) else {
        throw ParseError(description: "Unknown right in '\(text)'.")
      }
      mask |= bit
      t = t.dropFirst(2)
    }
    return mask
  }
}

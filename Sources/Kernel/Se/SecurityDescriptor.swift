import NTCore

/// An access-control entry.
public struct ACE: Hashable, Sendable {
  /// The ACE types ntsh evaluates.
  public enum Kind: UInt8, Sendable {
    /// ACCESS_ALLOWED_ACE_TYPE.
    case allowed = 0
    /// ACCESS_DENIED_ACE_TYPE.
    case denied = 1
    /// SYSTEM_AUDIT_ACE_TYPE.
    case audit = 2
    /// SYSTEM_MANDATORY_LABEL_ACE_TYPE.
    case mandatoryLabel = 0x11

    /// The name `!sd` prints.
    public var name: String {
      switch self {
      case .allowed: return "ACCESS_ALLOWED_ACE_TYPE"
      case .denied: return "ACCESS_DENIED_ACE_TYPE"
      case .audit: return "SYSTEM_AUDIT_ACE_TYPE"
      case .mandatoryLabel: return "SYSTEM_MANDATORY_LABEL_ACE_TYPE"
      }
    }
  }

  /// OBJECT_INHERIT_ACE.
  public static let objectInherit: UInt8 = 0x1
  /// CONTAINER_INHERIT_ACE.
  public static let containerInherit: UInt8 = 0x2
  /// NO_PROPAGATE_INHERIT_ACE.
  public static let noPropagateInherit: UInt8 = 0x4
  /// INHERIT_ONLY_ACE.
  public static let inheritOnly: UInt8 = 0x8
  /// INHERITED_ACE.
  public static let inherited: UInt8 = 0x10
  /// SUCCESSFUL_ACCESS_ACE_FLAG (audit ACEs).
  public static let successfulAccess: UInt8 = 0x40
  /// FAILED_ACCESS_ACE_FLAG (audit ACEs).
  public static let failedAccess: UInt8 = 0x80

  /// SYSTEM_MANDATORY_LABEL_NO_WRITE_UP.
  public static let noWriteUp: UInt32 = 1
  /// SYSTEM_MANDATORY_LABEL_NO_READ_UP.
  public static let noReadUp: UInt32 = 2
  /// SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP.
  public static let noExecuteUp: UInt32 = 4

  /// The ACE type.
  public var kind: Kind
  /// AceFlags.
  public var flags: UInt8
  /// The access mask (or the label policy for a mandatory label).
  public var mask: AccessMask
  /// The trustee.
  public var sid: SID

  /// Creates an ACE.
  public init(_ kind: Kind, _ mask: AccessMask, _ sid: SID, flags: UInt8 = 0) {
    self.kind = kind
    self.flags = flags
    self.mask = mask
    self.sid = sid
  }

  /// AceSize: the 8-byte header plus the SID.
  public var size: Int { 8 + sid.length }

  /// The binary form.
  public var bytes: [UInt8] {
    [kind.rawValue, flags] + LE.bytes(UInt64(size), count: 2) + LE.bytes(UInt64(mask.rawValue), count: 4) + sid.bytes
  }
}

/// An access-control list (revision 2).
public struct ACL: Hashable, Sendable {
  /// The entries, in order: the access check walks them in this order.
  public var aces: [ACE]

  /// Creates a list.
  public init(_ aces: [ACE]) { self.aces = aces }

  /// The largest AclSize (a 16-bit field).
  public static let maximumSize = 0xFFFF

  /// AclSize: the 8-byte header plus every ACE (may exceed ``maximumSize`` until validated).
  public var size: Int { 8 + aces.reduce(0) { $0 + $1.size } }

  /// The binary form.
  public var bytes: [UInt8] {
    var b: [UInt8] = [2, 0] + LE.bytes(UInt64(size), count: 2) + LE.bytes(UInt64(aces.count), count: 2) + [0, 0]
    for a in aces { b += a.bytes }
    return b
  }
}

/// A security descriptor: owner, group, DACL and SACL, with its control flags.
///
/// A nil ``dacl`` with ``daclPresent`` set is a NULL DACL (everyone gets everything); an empty
/// ``dacl`` grants nothing beyond the owner's implicit rights.
public struct SecurityDescriptor: Hashable, Sendable {
  /// The owner.
  public var owner: SID?
  /// The primary group.
  public var group: SID?
  /// True when a DACL is present (SE_DACL_PRESENT), possibly NULL.
  public var daclPresent: Bool
  /// The DACL; nil with ``daclPresent`` means a NULL DACL.
  public var dacl: ACL?
  /// The SACL (mandatory label and audit ACEs); nil when absent.
  public var sacl: ACL?
  /// Extra control bits (SE_DACL_PROTECTED, SE_*_AUTO_INHERITED, SE_*_DEFAULTED).
  public var extraControl: UInt16

  /// Creates a descriptor.
  public init(owner: SID?, group: SID?, dacl: ACL?, daclPresent: Bool = true, sacl: ACL? = nil, extraControl: UInt16 = 0) {
    self.owner = owner
    self.group = group
    self.dacl = dacl
    self.daclPresent = daclPresent || dacl != nil
    self.sacl = sacl
    self.extraControl = extraControl
  }

  /// SE_DACL_PRESENT.
  public static let daclPresentBit: UInt16 = 0x4
  /// SE_SACL_PRESENT.
  public static let saclPresentBit: UInt16 = 0x10
  /// SE_DACL_PROTECTED.
  public static let daclProtected: UInt16 = 0x1000
  /// SE_SELF_RELATIVE.
  public static let selfRelative: UInt16 = 0x8000

  /// The control word of the self-relative form.
  public var control: UInt16 {
    var c = extraControl | Self.selfRelative
    if daclPresent { c |= Self.daclPresentBit }
    if sacl != nil { c |= Self.saclPresentBit }
    return c
  }

  /// True for a present NULL DACL.
  public var hasNullDacl: Bool { daclPresent && dacl == nil }

  /// The mandatory label (integrity SID and policy), if the SACL carries one.
  public var mandatoryLabel: (sid: SID, policy: UInt32)? {
    guard let l = sacl?.aces.first(where: { $0.kind == .mandatoryLabel }) else { return nil }
    return (l.sid, l.mask.rawValue)
  }

  /// The self-relative binary form (`SECURITY_DESCRIPTOR_RELATIVE`): header, then owner, group,
  /// SACL and DACL in that order, as Windows lays them out.
  public var bytes: [UInt8] {
    var body: [UInt8] = []
    var offsets: (owner: Int, group: Int, sacl: Int, dacl: Int) = (0, 0, 0, 0)
    if let o = owner { offsets.owner = 20 + body.count; body += o.bytes }
    if let g = group { offsets.group = 20 + body.count; body += g.bytes }
    if let s = sacl { offsets.sacl = 20 + body.count; body += s.bytes }
    if let d = dacl { offsets.dacl = 20 + body.count; body += d.bytes }
    var head: [UInt8] = [1, 0] + LE.bytes(UInt64(control), count: 2)
    for o in [offsets.owner, offsets.group, offsets.sacl, offsets.dacl] { head += LE.bytes(UInt64(o), count: 4) }
    return head + body
  }

  /// Names of the set control bits, as `!sd` lists them.
  public var controlNames: [String] {
    let names: [(UInt16, String)] = [
      (0x1, "SE_OWNER_DEFAULTED"), (0x2, "SE_GROUP_DEFAULTED"), (0x4, "SE_DACL_PRESENT"), (0x8, "SE_DACL_DEFAULTED"),
      (0x10, "SE_SACL_PRESENT"), (0x20, "SE_SACL_DEFAULTED"), (0x100, "SE_DACL_AUTO_INHERIT_REQ"),
      (0x200, "SE_SACL_AUTO_INHERIT_REQ"), (0x400, "SE_DACL_AUTO_INHERITED"), (0x800, "SE_SACL_AUTO_INHERITED"),
      (0x1000, "SE_DACL_PROTECTED"), (0x2000, "SE_SACL_PROTECTED"), (0x8000, "SE_SELF_RELATIVE"),
    ]
    return names.filter { control & $0.0 != 0 }.map(\.1)
  }
}

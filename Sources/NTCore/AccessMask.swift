/// An ACCESS_MASK: specific rights in the low 16 bits, standard rights, then the special and
/// generic bits.
public struct AccessMask: OptionSet, Hashable, Sendable, CustomStringConvertible {
  /// The 32-bit mask.
  public let rawValue: UInt32

  /// Creates a mask.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Creates a mask.
  public init(_ rawValue: UInt32) { self.rawValue = rawValue }

  /// DELETE.
  public static let delete = AccessMask(0x0001_0000)
  /// READ_CONTROL.
  public static let readControl = AccessMask(0x0002_0000)
  /// WRITE_DAC.
  public static let writeDac = AccessMask(0x0004_0000)
  /// WRITE_OWNER.
  public static let writeOwner = AccessMask(0x0008_0000)
  /// SYNCHRONIZE.
  public static let synchronize = AccessMask(0x0010_0000)
  /// STANDARD_RIGHTS_REQUIRED: DELETE | READ_CONTROL | WRITE_DAC | WRITE_OWNER.
  public static let standardRightsRequired = AccessMask(0x000F_0000)
  /// STANDARD_RIGHTS_READ / WRITE / EXECUTE (all READ_CONTROL).
  public static let standardRightsRead = AccessMask(0x0002_0000)
  /// STANDARD_RIGHTS_ALL.
  public static let standardRightsAll = AccessMask(0x001F_0000)
  /// SPECIFIC_RIGHTS_ALL.
  public static let specificRightsAll = AccessMask(0x0000_FFFF)
  /// ACCESS_SYSTEM_SECURITY: needs SeSecurityPrivilege.
  public static let accessSystemSecurity = AccessMask(0x0100_0000)
  /// MAXIMUM_ALLOWED.
  public static let maximumAllowed = AccessMask(0x0200_0000)
  /// GENERIC_ALL.
  public static let genericAll = AccessMask(0x1000_0000)
  /// GENERIC_EXECUTE.
  public static let genericExecute = AccessMask(0x2000_0000)
  /// GENERIC_WRITE.
  public static let genericWrite = AccessMask(0x4000_0000)
  /// GENERIC_READ.
  public static let genericRead = AccessMask(0x8000_0000)
  /// The four generic bits.
  public static let generic = AccessMask(0xF000_0000)

  /// Eight hex digits, as kd prints granted access: `001f0003`.
  public var hex8: String { Hex.padded(UInt64(rawValue), digits: 8) }

  /// `0x1F0003`.
  public var description: String { "0x" + String(rawValue, radix: 16, uppercase: true) }

  /// Names of the standard, special and generic bits that are set, in bit order.
  public var standardNames: [String] {
    Self.standardBitNames.filter { rawValue & $0.0 != 0 }.map(\.1)
  }

  /// Bit → name for every non-specific bit.
  public static let standardBitNames: [(UInt32, String)] = [
    (0x0001_0000, "DELETE"), (0x0002_0000, "READ_CONTROL"), (0x0004_0000, "WRITE_DAC"),
    (0x0008_0000, "WRITE_OWNER"), (0x0010_0000, "SYNCHRONIZE"), (0x0100_0000, "ACCESS_SYSTEM_SECURITY"),
    (0x0200_0000, "MAXIMUM_ALLOWED"), (0x1000_0000, "GENERIC_ALL"), (0x2000_0000, "GENERIC_EXECUTE"),
    (0x4000_0000, "GENERIC_WRITE"), (0x8000_0000, "GENERIC_READ"),
  ]
}

/// A type's GENERIC_MAPPING: what GENERIC_READ, _WRITE, _EXECUTE and _ALL mean for its objects.
public struct GenericMapping: Hashable, Sendable {
  /// Rights GENERIC_READ maps to.
  public var read: AccessMask
  /// Rights GENERIC_WRITE maps to.
  public var write: AccessMask
  /// Rights GENERIC_EXECUTE maps to.
  public var execute: AccessMask
  /// Rights GENERIC_ALL maps to.
  public var all: AccessMask

  /// Creates a mapping in the C order {Read, Write, Execute, All}.
  public init(read: AccessMask, write: AccessMask, execute: AccessMask, all: AccessMask) {
    self.read = read
    self.write = write
    self.execute = execute
    self.all = all
  }

  /// Creates a mapping from raw values in the C order.
  public init(_ read: UInt32, _ write: UInt32, _ execute: UInt32, _ all: UInt32) {
    self.init(read: AccessMask(read), write: AccessMask(write), execute: AccessMask(execute), all: AccessMask(all))
  }

  /// RtlMapGenericMask: replaces each generic bit by the rights it maps to.
  public func map(_ mask: AccessMask) -> AccessMask {
    var m = mask.subtracting(.generic)
    if mask.contains(.genericRead) { m.formUnion(read) }
    if mask.contains(.genericWrite) { m.formUnion(write) }
    if mask.contains(.genericExecute) { m.formUnion(execute) }
    if mask.contains(.genericAll) { m.formUnion(all) }
    return m
  }
}

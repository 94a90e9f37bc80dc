import NTCore

/// OBJ_* attribute flags of OBJECT_ATTRIBUTES (and of handle entries for the first three).
public struct ObjectAttributeFlags: OptionSet, Hashable, Sendable {
  /// The flag bits.
  public let rawValue: UInt32

  /// Creates flags.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// OBJ_PROTECT_CLOSE.
  public static let protectClose = ObjectAttributeFlags(rawValue: 0x1)
  /// OBJ_INHERIT.
  public static let inherit = ObjectAttributeFlags(rawValue: 0x2)
  /// OBJ_AUDIT_OBJECT_CLOSE.
  public static let auditObjectClose = ObjectAttributeFlags(rawValue: 0x4)
  /// OBJ_NO_RIGHTS_UPGRADE.
  public static let noRightsUpgrade = ObjectAttributeFlags(rawValue: 0x8)
  /// OBJ_PERMANENT.
  public static let permanent = ObjectAttributeFlags(rawValue: 0x10)
  /// OBJ_EXCLUSIVE.
  public static let exclusive = ObjectAttributeFlags(rawValue: 0x20)
  /// OBJ_CASE_INSENSITIVE.
  public static let caseInsensitive = ObjectAttributeFlags(rawValue: 0x40)
  /// OBJ_OPENIF.
  public static let openIf = ObjectAttributeFlags(rawValue: 0x80)
  /// OBJ_OPENLINK.
  public static let openLink = ObjectAttributeFlags(rawValue: 0x100)
  /// OBJ_KERNEL_HANDLE.
  public static let kernelHandle = ObjectAttributeFlags(rawValue: 0x200)
  /// OBJ_FORCE_ACCESS_CHECK.
  public static let forceAccessCheck = ObjectAttributeFlags(rawValue: 0x400)
  /// OBJ_IGNORE_IMPERSONATED_DEVICEMAP.
  public static let ignoreImpersonatedDeviceMap = ObjectAttributeFlags(rawValue: 0x800)
  /// OBJ_DONT_REPARSE.
  public static let dontReparse = ObjectAttributeFlags(rawValue: 0x1000)
  /// OBJ_KERNEL_EXCLUSIVE: user-mode callers may not open the object (sets KernelOnlyAccess).
  public static let kernelExclusive = ObjectAttributeFlags(rawValue: 0x10000)
  /// OBJ_VALID_ATTRIBUTES plus OBJ_KERNEL_EXCLUSIVE: anything else is STATUS_INVALID_PARAMETER.
  public static let valid = ObjectAttributeFlags(rawValue: 0x1_1FFF)

  /// Names of the set flags (`OBJ_OPENIF | OBJ_PERMANENT`).
  public var names: [String] {
    let all: [(UInt32, String)] = [
      (0x1, "OBJ_PROTECT_CLOSE"), (0x2, "OBJ_INHERIT"), (0x4, "OBJ_AUDIT_OBJECT_CLOSE"), (0x8, "OBJ_NO_RIGHTS_UPGRADE"),
      (0x10, "OBJ_PERMANENT"), (0x20, "OBJ_EXCLUSIVE"), (0x40, "OBJ_CASE_INSENSITIVE"), (0x80, "OBJ_OPENIF"),
      (0x100, "OBJ_OPENLINK"), (0x200, "OBJ_KERNEL_HANDLE"), (0x400, "OBJ_FORCE_ACCESS_CHECK"),
      (0x800, "OBJ_IGNORE_IMPERSONATED_DEVICEMAP"), (0x1000, "OBJ_DONT_REPARSE"), (0x10000, "OBJ_KERNEL_EXCLUSIVE"),
    ]
    return all.filter { rawValue & $0.0 != 0 }.map(\.1)
  }
}

/// OBJECT_ATTRIBUTES: the name (absolute, or relative to a root directory handle), attribute
/// flags and security descriptor of an object being created or opened.
public struct ObjectAttributes {
  /// OBJECT_ATTRIBUTES.Length; anything but 0x30 is STATUS_INVALID_PARAMETER.
  public var length: Int = 0x30
  /// RootDirectory.
  public var rootDirectory: Handle?
  /// ObjectName; nil for an unnamed object.
  public var objectName: String?
  /// Attributes.
  public var attributes: ObjectAttributeFlags
  /// SecurityDescriptor.
  public var securityDescriptor: SecurityDescriptor?

  /// Creates attributes (InitializeObjectAttributes).
  public init(
    _ name: String? = nil, attributes: ObjectAttributeFlags = [], root: Handle? = nil,
    securityDescriptor: SecurityDescriptor? = nil
  ) {
    objectName = name
    self.attributes = attributes
    rootDirectory = root
    self.securityDescriptor = securityDescriptor
  }
}

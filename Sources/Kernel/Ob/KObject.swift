import NTCore

/// `_OBJECT_HEADER.Flags`.
public struct ObjectHeaderFlags: OptionSet, Hashable, Sendable {
  /// The flag byte.
  public let rawValue: UInt8

  /// Creates flags.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// NewObject: created, not yet inserted.
  public static let newObject = ObjectHeaderFlags(rawValue: 0x01)
  /// KernelObject: created with kernel ownership.
  public static let kernelObject = ObjectHeaderFlags(rawValue: 0x02)
  /// KernelOnlyAccess: user-mode callers cannot open it.
  public static let kernelOnlyAccess = ObjectHeaderFlags(rawValue: 0x04)
  /// ExclusiveObject: only the creating process may open it.
  public static let exclusiveObject = ObjectHeaderFlags(rawValue: 0x08)
  /// PermanentObject: the name survives the last handle.
  public static let permanentObject = ObjectHeaderFlags(rawValue: 0x10)
  /// DefaultSecurityQuota.
  public static let defaultSecurityQuota = ObjectHeaderFlags(rawValue: 0x20)
  /// SingleHandleEntry.
  public static let singleHandleEntry = ObjectHeaderFlags(rawValue: 0x40)
  /// DeletedInline.
  public static let deletedInline = ObjectHeaderFlags(rawValue: 0x80)

  /// Names of the set flags.
  public var names: [String] {
    let all: [(UInt8, String)] = [
      (0x01, "NewObject"), (0x02, "KernelObject"), (0x04, "KernelOnlyAccess"), (0x08, "ExclusiveObject"),
      (0x10, "PermanentObject"), (0x20, "DefaultSecurityQuota"), (0x40, "SingleHandleEntry"), (0x80, "DeletedInline"),
    ]
    return all.filter { rawValue & $0.0 != 0 }.map(\.1)
  }
}

/// `_OBJECT_HEADER` InfoMask bits: which optional headers precede the header.
public enum OptionalHeader: UInt8, CaseIterable, Sendable {
  /// _OBJECT_HEADER_CREATOR_INFO.
  case creatorInfo = 0x01
  /// _OBJECT_HEADER_NAME_INFO.
  case nameInfo = 0x02
  /// _OBJECT_HEADER_HANDLE_INFO.
  case handleInfo = 0x04
  /// _OBJECT_HEADER_QUOTA_INFO.
  case quotaInfo = 0x08
  /// _OBJECT_HEADER_PROCESS_INFO.
  case processInfo = 0x10
  /// _OBJECT_HEADER_AUDIT_INFO.
  case auditInfo = 0x20
  /// _OBJECT_HEADER_EXTENDED_INFO.
  case extendedInfo = 0x40
  /// _OBJECT_HEADER_PADDING_INFO.
  case paddingInfo = 0x80

  /// The header's size on x64.
  public var size: Int {
    switch self {
    case .creatorInfo, .nameInfo, .quotaInfo: return 0x20
    case .handleInfo, .processInfo, .auditInfo, .extendedInfo: return 0x10
    case .paddingInfo: return 4
    }
  }

  /// The layout name (`_OBJECT_HEADER_NAME_INFO`).
  public var layoutName: String {
    switch self {
    case .creatorInfo: return "_OBJECT_HEADER_CREATOR_INFO"
    case .nameInfo: return "_OBJECT_HEADER_NAME_INFO"
    case .handleInfo: return "_OBJECT_HEADER_HANDLE_INFO"
    case .quotaInfo: return "_OBJECT_HEADER_QUOTA_INFO"
    case .processInfo: return "_OBJECT_HEADER_PROCESS_INFO"
    case .auditInfo: return "_OBJECT_HEADER_AUDIT_INFO"
    case .extendedInfo: return "_OBJECT_HEADER_EXTENDED_INFO"
    case .paddingInfo: return "_OBJECT_HEADER_PADDING_INFO"
    }
  }

  /// The name `!object` prints in its optional-header list.
  public var displayName: String {
    switch self {
    case .creatorInfo: return "CreatorInfo"
    case .nameInfo: return "NameInfo"
    case .handleInfo: return "HandleInfo"
    case .quotaInfo: return "QuotaInfo"
    case .processInfo: return "ProcessInfo"
    case .auditInfo: return "AuditInfo"
    case .extendedInfo: return "ExtendedInfo"
    case .paddingInfo: return "PaddingInfo"
    }
  }

  /// nt!ObpInfoMaskToOffset: entry m is the total size of the headers whose bits are in m.
  public static let infoMaskToOffset: [UInt8] = (0..<256).map { m in
    UInt8(allCases.filter { m & Int($0.rawValue) != 0 }.reduce(0) { $0 + $1.size })
  }

  /// How far below the object header this header starts, for an object's InfoMask.
  public func offset(in infoMask: UInt8) -> Int {
    Int(Self.infoMaskToOffset[Int(infoMask & (rawValue | (rawValue &- 1)))])
  }
}

/// A kernel object: its header (counts, flags, name, security) and its body.
///
/// The body is a Swift object (`KEvent`, `EProcess`, a driver's `DataStack`…); the header fields
/// are live state that ``ObjectManager`` keeps exactly as Windows does, and the memory image at
/// ``address`` is rendered from them.
public final class KObject {
  /// The object's type.
  public let type: ObjectType
  /// The body address (what kernel code holds as the object pointer).
  public let address: UInt64
  /// The body size in bytes.
  public let bodySize: Int
  /// `_OBJECT_HEADER.InfoMask`.
  public let infoMask: UInt8
  /// `_OBJECT_HEADER.PointerCount`, raw (handle biases included).
  public internal(set) var pointerCount: Int64 = 1
  /// `_OBJECT_HEADER.HandleCount`.
  public internal(set) var handleCount: Int64 = 0
  /// `_OBJECT_HEADER.Flags`.
  public internal(set) var flags: ObjectHeaderFlags
  /// The name in the name-info header (kept after the name leaves its directory, as Windows does).
  public internal(set) var name: String?
  /// The directory holding the name; nil once the name is removed.
  public internal(set) var directory: KObject?
  /// The security descriptor.
  public internal(set) var securityDescriptor: SecurityDescriptor?
  /// The body.
  public var body: AnyObject?
  /// Creation time (interrupt time).
  public let createTime: Int64
  /// The creating process's id (`_OBJECT_HEADER_CREATOR_INFO.CreatorUniqueProcess`).
  public let creatorPid: UInt32
  /// Charges recorded in the quota-info header.
  public let pagedCharge: UInt32
  /// Non-paged charge recorded in the quota-info header.
  public let nonPagedCharge: UInt32
  /// The only process that may open an OBJ_EXCLUSIVE object.
  public internal(set) weak var exclusiveProcess: EProcess?
  /// True once the object has been freed.
  public internal(set) var isDeleted = false
  /// The mode the object was created in (ProbeMode), for the permanence privilege check.
  let probeMode: KProcessorMode
  /// Attributes captured at creation.
  let createAttributes: ObjectAttributeFlags
  let block: Pool.Block
  var nameBlock: Pool.Block?
  var directoryEntryBlock: Pool.Block?
  var securityBlock: ObjectManager.SecurityCacheEntry?
  /// OBJECT_CREATE_INFORMATION kept between ObCreateObject and ObInsertObject.
  var pendingRoot: Handle?
  var pendingSecurity: SecurityDescriptor?

  init(
    type: ObjectType, block: Pool.Block, infoMask: UInt8, bodySize: Int, flags: ObjectHeaderFlags, createTime: Int64,
    creatorPid: UInt32, pagedCharge: UInt32, nonPagedCharge: UInt32, probeMode: KProcessorMode,
    attributes: ObjectAttributeFlags
  ) {
    self.type = type
    self.block = block
    self.infoMask = infoMask
    let optional = Int(OptionalHeader.infoMaskToOffset[Int(infoMask)])
    self.address = block.address + UInt64(optional) + 0x30
    self.bodySize = bodySize
    self.flags = flags
    self.createTime = createTime
    self.creatorPid = creatorPid
    self.pagedCharge = pagedCharge
    self.nonPagedCharge = nonPagedCharge
    self.probeMode = probeMode
    self.createAttributes = attributes
  }

  /// The `_OBJECT_HEADER` address (body − 0x30).
  public var headerAddress: UInt64 { address - 0x30 }

  /// True for a permanent object.
  public var isPermanent: Bool { flags.contains(.permanentObject) }

  /// True when the object has a name-info header.
  public var hasNameInfo: Bool { infoMask & OptionalHeader.nameInfo.rawValue != 0 }

  /// The optional headers present, from the one nearest the object header outward.
  public var optionalHeaders: [OptionalHeader] {
    OptionalHeader.allCases.filter { infoMask & $0.rawValue != 0 }
  }

  /// The address of an optional header, if present.
  public func address(of header: OptionalHeader) -> UInt64? {
    guard infoMask & header.rawValue != 0 else { return nil }
    return headerAddress - UInt64(header.offset(in: infoMask))
  }

  /// The full path of a named object (`\Sessions\1\BaseNamedObjects\MyEvent`); nil when the name
  /// is not (or no longer) in the namespace.
  public var fullPath: String? {
    guard let name else { return nil }
    guard let dir = directory else { return directory == nil && type.name == "Directory" && name == "\\" ? "\\" : nil }
    guard let parent = dir.fullPath else { return nil }
    return parent == "\\" ? "\\" + name : parent + "\\" + name
  }

  /// The body as a given class.
  public func body<T: AnyObject>(as: T.Type) -> T? { body as? T }
}

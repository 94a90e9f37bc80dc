import NTCore

/// OBJECT_TYPE_INITIALIZER: what ObCreateObjectType needs to know about a new type.
public struct ObjectTypeInitializer {
  /// Length; must be the structure size (0x78) or the call fails with STATUS_INVALID_PARAMETER.
  public var length: UInt16 = 0x78
  /// Names compare case-insensitively for this type.
  public var caseInsensitive = false
  /// Objects of this type may not have names.
  public var unnamedObjectsOnly = false
  /// Waits on these objects use the always-signaled default object.
  public var useDefaultObject = false
  /// Objects always get a security descriptor.
  public var securityRequired = false
  /// Per-process handle counts are kept in the header.
  public var maintainHandleCount = false
  /// Objects are linked on the type's list (creator info header).
  public var maintainTypeList = false
  /// ObRegisterCallbacks may watch the type.
  public var supportsObjectCallbacks = false
  /// Bodies are cache-aligned.
  public var cacheAligned = false
  /// ObjectTypeCode.
  public var objectTypeCode: UInt32 = 0
  /// Attributes objects of this type may not be created or opened with.
  public var invalidAttributes: ObjectAttributeFlags = []
  /// GenericMapping.
  public var genericMapping = GenericMapping(0, 0, 0, 0)
  /// ValidAccessMask.
  public var validAccessMask: AccessMask = []
  /// RetainAccess.
  public var retainAccess: AccessMask = []
  /// PoolType of the objects.
  public var poolType: PoolType = .nonPaged
  /// DefaultPagedPoolCharge.
  public var defaultPagedPoolCharge: UInt32 = 0
  /// DefaultNonPagedPoolCharge.
  public var defaultNonPagedPoolCharge: UInt32 = 0
  /// OpenProcedure: called when a handle is created.
  public var openProcedure: ((_ process: EProcess?, _ object: KObject, _ grantedAccess: AccessMask, _ handleCount: Int) -> NTStatus)?
  /// CloseProcedure: called when a handle is closed, with the process's and the system's
  /// remaining handle counts.
  public var closeProcedure: ((_ process: EProcess?, _ object: KObject, _ processHandleCount: Int, _ systemHandleCount: Int) -> Void)?
  /// DeleteProcedure: called when the last reference goes, before the memory is freed.
  public var deleteProcedure: ((_ object: KObject) -> Void)?
  /// OkayToCloseProcedure: may refuse a close (STATUS_HANDLE_NOT_CLOSABLE).
  public var okayToCloseProcedure: ((_ process: EProcess?, _ object: KObject, _ handle: Handle, _ mode: KProcessorMode) -> Bool)?

  /// Creates an initializer with `Length` set, the rest zero, as C's `{ sizeof(init) }` does.
  public init() {}

  /// ObjectTypeFlags as the header stores them.
  public var flagsValue: UInt16 {
    var f: UInt16 = 0
    if caseInsensitive { f |= 0x1 }
    if unnamedObjectsOnly { f |= 0x2 }
    if useDefaultObject { f |= 0x4 }
    if securityRequired { f |= 0x8 }
    if maintainHandleCount { f |= 0x10 }
    if maintainTypeList { f |= 0x20 }
    if supportsObjectCallbacks { f |= 0x40 }
    if cacheAligned { f |= 0x80 }
    return f
  }

  /// Names of the set flags, for type listings.
  public var flagNames: [String] {
    let all: [(Bool, String)] = [
      (caseInsensitive, "CaseInsensitive"), (unnamedObjectsOnly, "UnnamedObjectsOnly"),
      (useDefaultObject, "UseDefaultObject"), (securityRequired, "SecurityRequired"),
      (maintainHandleCount, "MaintainHandleCount"), (maintainTypeList, "MaintainTypeList"),
      (supportsObjectCallbacks, "SupportsObjectCallbacks"), (cacheAligned, "CacheAligned"),
    ]
    return all.filter(\.0).map(\.1)
  }
}

/// An object type (the body of objects of the `Type` type): name, index, initializer and the
/// statistics Object Explorer shows.
public final class ObjectType {
  /// The type name (`Event`).
  public let name: String
  /// The index in ObTypeIndexTable (2 for Type).
  public let index: UInt8
  /// The initializer the type was created with.
  public internal(set) var initializer: ObjectTypeInitializer
  /// The pool tag of its objects: the first four characters of the name.
  public let key: PoolTag
  /// The size of an object body of this type, for types the kernel allocates itself.
  public let defaultBodySize: Int
  /// TotalNumberOfObjects.
  public internal(set) var totalObjects: UInt32 = 0
  /// TotalNumberOfHandles.
  public internal(set) var totalHandles: UInt32 = 0
  /// HighWaterNumberOfObjects.
  public internal(set) var highWaterObjects: UInt32 = 0
  /// HighWaterNumberOfHandles.
  public internal(set) var highWaterHandles: UInt32 = 0
  /// The Type object this is the body of.
  public internal(set) weak var object: KObject?
  /// Names of access bits specific to the type (`QUERY_STATE`, `MODIFY_STATE`), by bit.
  public let specificRights: [(UInt32, String)]
  /// Live objects of the type by body address (the type list).
  var liveObjects: [UInt64: KObject] = [:]

  init(name: String, index: UInt8, initializer: ObjectTypeInitializer, bodySize: Int, specificRights: [(UInt32, String)]) {
    self.name = name
    self.index = index
    self.initializer = initializer
    self.key = PoolTag(name)
    self.defaultBodySize = bodySize
    self.specificRights = specificRights
  }

  /// Live objects of the type, in address (creation) order.
  public var objects: [KObject] { liveObjects.values.sorted { $0.address < $1.address } }

  func objectCreated(_ o: KObject) {
    totalObjects &+= 1
    highWaterObjects = max(highWaterObjects, totalObjects)
    liveObjects[o.address] = o
  }

  func objectDeleted(_ o: KObject) {
    totalObjects &-= 1
    liveObjects[o.address] = nil
  }

  func handleOpened() {
    totalHandles &+= 1
    highWaterHandles = max(highWaterHandles, totalHandles)
  }

  func handleClosed() { totalHandles &-= 1 }

  /// Names for the bits of an access mask: the type's specific rights, then standard and generic.
  public func accessNames(_ mask: AccessMask) -> [String] {
    var names: [String] = []
    var specific = mask.rawValue & 0xFFFF
    for (bit, name) in specificRights where specific & bit == bit && bit != 0 {
      names.append(name)
      specific &= ~bit
    }
    if specific != 0 { names.append("0x" + String(specific, radix: 16)) }
    return names + mask.standardNames
  }
}

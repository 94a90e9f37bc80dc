import NTCore

/// NtQuerySystemInformation's classes ntsh models: processes, handles with object addresses, and
/// object types with their statistics.
extension SystemServices {
  /// SystemProcessInformation: every process that has not been deleted.
  public func NtQuerySystemProcesses() -> [ProcessInformation] {
    kernel.processes.map { ProcessInformation($0, kernel: kernel) }
  }

  /// SystemExtendedHandleInformation: every handle of one process (or all), with the object's
  /// address, type, granted access and name — what Process Explorer's handle view lists.
  public func NtQuerySystemHandles(pid: UInt32? = nil) -> [HandleInformation] {
    var out: [HandleInformation] = []
    for p in kernel.processes where pid == nil || p.pid == pid {
      for (h, e) in p.handleTable.handles {
        guard let o = e.object else { continue }
        out.append(HandleInformation(pid: p.pid, handle: h, entry: e, object: o, entryAddress: p.handleTable.entryAddress(h)))
      }
    }
    return out
  }

  /// One handle's row of SystemExtendedHandleInformation, looked up directly rather than by
  /// scanning the process's table (what a caller filtering the list for one handle gets).
  public func NtQuerySystemHandle(pid: UInt32, handle: Handle) -> HandleInformation? {
    guard let p = kernel.process(pid: pid), let e = p.handleTable.entry(handle), let o = e.object else { return nil }
    return HandleInformation(pid: pid, handle: handle, entry: e, object: o, entryAddress: p.handleTable.entryAddress(handle))
  }

  /// ObjectTypesInformation: every type with its statistics.
  public func NtQueryObjectTypes() -> [TypeInformation] { ob.types.map(TypeInformation.init) }
}

/// SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX plus the object's name and type name.
public struct HandleInformation: Sendable, Equatable {
  /// The owning process.
  public let pid: UInt32
  /// The handle value.
  public let handle: Handle
  /// The object's body address.
  public let objectAddress: UInt64
  /// GrantedAccess.
  public let grantedAccess: AccessMask
  /// Attributes (inherit, protect, audit).
  public let attributes: ObjectAttributeFlags
  /// The type's index.
  public let typeIndex: UInt8
  /// The type's name.
  public let typeName: String
  /// The object's full name, empty when unnamed or no longer in the namespace.
  public let name: String
  /// The handle-table entry's address.
  public let entryAddress: UInt64
  /// Names of the granted rights.
  public let accessNames: [String]

  init(pid: UInt32, handle: Handle, entry: HandleTable.Entry, object o: KObject, entryAddress: UInt64) {
    self.pid = pid
    self.handle = handle
    objectAddress = o.address
    grantedAccess = entry.grantedAccess
    attributes = entry.attributes
    typeIndex = o.type.index
    typeName = o.type.name
    name = HandleInformation.displayName(o)
    self.entryAddress = entryAddress
    accessNames = o.type.accessNames(entry.grantedAccess)
  }

  /// The name Process Explorer shows: the path; for processes and threads, image and ids.
  static func displayName(_ o: KObject) -> String {
    switch o.body {
    case let p as EProcess: return "\(p.imageName)(\(p.pid))"
    case let t as EThread: return "\(t.process.imageName)(\(t.process.pid)): \(t.tid)"
    case let f as FileObject: return f.device.fullPath.map { $0 + f.fileName } ?? ""
    case let t as Token: return "\(t.userName):\(String(t.authenticationId, radix: 16))"
    default: return o.fullPath ?? ""
    }
  }
}

/// OBJECT_TYPE_INFORMATION: a type's properties and statistics.
public struct TypeInformation: Sendable, Equatable {
  /// TypeName.
  public let name: String
  /// TypeIndex.
  public let index: UInt8
  /// TotalNumberOfObjects.
  public let totalObjects: UInt32
  /// TotalNumberOfHandles.
  public let totalHandles: UInt32
  /// HighWaterNumberOfObjects.
  public let highWaterObjects: UInt32
  /// HighWaterNumberOfHandles.
  public let highWaterHandles: UInt32
  /// InvalidAttributes.
  public let invalidAttributes: ObjectAttributeFlags
  /// GenericMapping.
  public let genericMapping: GenericMapping
  /// ValidAccessMask.
  public let validAccessMask: AccessMask
  /// PoolType.
  public let poolType: PoolType
  /// DefaultPagedPoolCharge.
  public let defaultPagedPoolCharge: UInt32
  /// DefaultNonPagedPoolCharge.
  public let defaultNonPagedPoolCharge: UInt32
  /// The initializer's flags by name.
  public let flags: [String]
  /// The type object's address.
  public let objectAddress: UInt64
  /// The pool tag of its objects.
  public let key: String

  init(_ t: ObjectType) {
    name = t.name
    index = t.index
    totalObjects = t.totalObjects
    totalHandles = t.totalHandles
    highWaterObjects = t.highWaterObjects
    highWaterHandles = t.highWaterHandles
    invalidAttributes = t.initializer.invalidAttributes
    genericMapping = t.initializer.genericMapping
    validAccessMask = t.initializer.validAccessMask
    poolType = t.initializer.poolType
    defaultPagedPoolCharge = t.initializer.defaultPagedPoolCharge
    defaultNonPagedPoolCharge = t.initializer.defaultNonPagedPoolCharge
    flags = t.initializer.flagNames
    objectAddress = t.object?.address ?? 0
    key = t.key.description
  }
}

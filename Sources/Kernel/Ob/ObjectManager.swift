import NTCore

/// The object manager: types, object creation and insertion, names, handles, reference counts,
/// permanence and deletion.
///
/// Reference-count model (documented in ARCHITECTURE.md and shown by `!trueref`): an object starts
/// with one pointer reference, its creation reference. A name in a directory holds one reference on
/// the object (and the object one on the directory). A user-mode handle charges 0x7FFF references at
/// once: one for the handle and 0x7FFE cached in the entry's `RefCnt`; ObReferenceObjectByHandle
/// takes a cached reference (PointerCount unchanged) and recharges 0x7FFF when none is left; the
/// matching dereference decrements PointerCount. Closing returns 1 + RefCnt. Kernel handles are not
/// biased. So a named object with one user handle shows PointerCount 32768 and a true count of 2.
public final class ObjectManager {
  /// References a user-mode handle charges at creation (the handle's own plus the cached ones).
  public static let handleBias: Int64 = 0x7FFF
  /// The longest object name, in UTF-16 units (a UNICODE_STRING holds at most 65532 bytes here).
  public static let maximumNameLength = 32_766
  /// How many symbolic links one lookup may follow.
  public static let maximumReparse = 32

  unowned let kernel: Kernel
  /// Types by index (slots 0 and 1 are empty, as in ObTypeIndexTable).
  public private(set) var typeTable: [ObjectType?] = [nil, nil]
  private var typesByName: [String: ObjectType] = [:]
  /// The root directory `\`.
  public internal(set) var root: KObject!
  /// `\ObjectTypes`.
  public internal(set) var objectTypesDirectory: KObject!
  /// The kernel handle table (ObpKernelHandleTable).
  public internal(set) var kernelHandles: HandleTable!
  var securityCache: [SecurityDescriptor: SecurityCacheEntry] = [:]
  /// The always-signaled object waits on UseDefaultObject types are satisfied by.
  let defaultObject = KEvent(notification: true, signaled: true)

  init(kernel: Kernel) { self.kernel = kernel }

  var pool: Pool { kernel.pool }

  /// Every type, in index order.
  public var types: [ObjectType] { typeTable.compactMap { $0 } }

  /// A type by name, case-insensitively.
  public func type(named name: String) -> ObjectType? { typesByName[name.uppercased()] }

  /// The File type, which every I/O request references (looked up once: names are upper-cased).
  var fileType: ObjectType? {
    if let t = cachedFileType { return t }
    cachedFileType = type(named: "File")
    return cachedFileType
  }
  private var cachedFileType: ObjectType?

  /// A type by its real index.
  public func type(index: Int) -> ObjectType? { index >= 0 && index < typeTable.count ? typeTable[index] : nil }

  // MARK: Types

  /// ObCreateObjectType: registers a type and creates its object in `\ObjectTypes`.
  func createType(
    name: String, initializer: ObjectTypeInitializer, bodySize: Int, specificRights: [(UInt32, String)],
    securityDescriptor: SecurityDescriptor?
  ) -> Result<ObjectType, NTStatus> {
    guard initializer.length == 0x78 else { return .failure(.invalidParameter) }
    guard !name.isEmpty, !name.contains("\\"), name.utf16.count <= 255 else { return .failure(.objectNameInvalid) }
    if typesByName[name.uppercased()] != nil { return .failure(.objectNameCollision) }
    guard typeTable.count < 256 else { return .failure(.insufficientResources) }
    let type = ObjectType(
      name: name, index: UInt8(typeTable.count), initializer: initializer, bodySize: bodySize,
      specificRights: specificRights)
    // The first type created is Type itself: its objects (types) are of its own type.
    let typeType = typeTable.count == 2 ? type : typeTable[2]!
    typeTable.append(type)
    typesByName[name.uppercased()] = type
    let attrs = ObjectAttributes(
      "\\ObjectTypes\\" + name, attributes: [.permanent, .caseInsensitive], securityDescriptor: securityDescriptor)
    switch createObject(
      probeMode: .kernelMode, type: typeType, attributes: attrs, ownership: .kernelMode, bodySize: 0xe0, body: type,
      process: kernel.systemProcess)
    {
    case .failure(let s):
      typeTable.removeLast()
      typesByName[name.uppercased()] = nil
      return .failure(s)
    case .success(let object):
      type.object = object
      if objectTypesDirectory == nil {
        deferredTypeObjects.append(object)  // inserted once \ObjectTypes exists
      } else if case .failure(let s) = insertObject(
        object, desiredAccess: [], mode: .kernelMode, process: kernel.systemProcess, wantHandle: false)
      {
        typeTable.removeLast()
        typesByName[name.uppercased()] = nil
        return .failure(s)
      }
      return .success(type)
    }
  }

  /// Type objects created before `\ObjectTypes` existed, waiting for their names.
  var deferredTypeObjects: [KObject] = []

  // MARK: Creation

  /// ObCreateObject: allocates an object of a type with its headers, not yet in the namespace.
  ///
  /// The name is validated here; insertion (``insertObject``) puts it in its directory.
  func createObject(
    probeMode: KProcessorMode, type: ObjectType, attributes: ObjectAttributes?, ownership: KProcessorMode,
    bodySize: Int, pagedCharge: UInt32? = nil, nonPagedCharge: UInt32? = nil, body: AnyObject?, process: EProcess?
  ) -> Result<KObject, NTStatus> {
    let attrs = attributes?.attributes ?? []
    if let a = attributes, a.length != 0x30 { return .failure(.invalidParameter) }
    if !attrs.subtracting(.valid).isEmpty { return .failure(.invalidParameter) }
    if !attrs.intersection(type.initializer.invalidAttributes).isEmpty { return .failure(.invalidParameter) }
    guard bodySize >= 0, bodySize <= Pool.maximumAllocation / 2 else { return .failure(.invalidParameter) }
    let name = attributes?.objectName.flatMap { $0.isEmpty ? nil : $0 }
    if let name {
      if type.initializer.unnamedObjectsOnly { return .failure(.objectNameInvalid) }
      if let s = validateName(name, hasRoot: attributes?.rootDirectory != nil) { return .failure(s) }
    }
    var infoMask: UInt8 = 0
    if type.initializer.maintainTypeList { infoMask |= OptionalHeader.creatorInfo.rawValue }
    if name != nil { infoMask |= OptionalHeader.nameInfo.rawValue }
    if type.initializer.maintainHandleCount { infoMask |= OptionalHeader.handleInfo.rawValue }
    let creator = process ?? kernel.systemProcess
    let userCreated = creator != nil && creator !== kernel.systemProcess
    if userCreated { infoMask |= OptionalHeader.quotaInfo.rawValue }
    if attrs.contains(.exclusive) { infoMask |= OptionalHeader.processInfo.rawValue }
    let optional = Int(OptionalHeader.infoMaskToOffset[Int(infoMask)])
    let size = optional + 0x30 + max(bodySize, 8)
    guard let block = pool.allocate(type.initializer.poolType, size: size, tag: type.key) else {
      return .failure(.insufficientResources)
    }
    var flags: ObjectHeaderFlags = [.newObject]
    if ownership == .kernelMode { flags.insert(.kernelObject) }
    if attrs.contains(.kernelExclusive) { flags.insert(.kernelOnlyAccess) }
    if attrs.contains(.exclusive) { flags.insert(.exclusiveObject) }
    let object = KObject(
      type: type, block: block, infoMask: infoMask, bodySize: bodySize, flags: flags,
      createTime: kernel.dispatcher.interruptTime, creatorPid: creator?.pid ?? 0,
      pagedCharge: pagedCharge ?? type.initializer.defaultPagedPoolCharge,
      nonPagedCharge: nonPagedCharge ?? type.initializer.defaultNonPagedPoolCharge, probeMode: probeMode,
      attributes: attrs)
    object.body = body
    if attrs.contains(.exclusive) { object.exclusiveProcess = creator }
    if let name {
      object.name = name
      object.nameBlock = allocateName(name)
    }
    object.pendingRoot = attributes?.rootDirectory
    object.pendingSecurity = attributes?.securityDescriptor
    block.processBilled = userCreated ? (creator?.object?.address ?? 0) : 0
    block.renderer = { [unowned self, unowned object] in self.renderAllocation(object) }
    type.objectCreated(object)
    return .success(object)
  }

  func allocateName(_ name: String) -> Pool.Block? {
    let b = pool.allocate(.paged, size: name.utf16.count * 2 + 2, tag: PoolTag("ObNm"))
    b?.renderer = { LE.utf16(name) + [0, 0] }
    return b
  }

  /// Validates a name's syntax: length, NULs, empty components, and the leading separator rule.
  func validateName(_ name: String, hasRoot: Bool) -> NTStatus? {
    var count = 0
    var previousWasSeparator = false
    var first = true
    for u in name.utf16 {
      count += 1
      if u == 0 { return .objectNameInvalid }
      let separator = u == 0x5C
      if first {
        if hasRoot == separator { return hasRoot ? .objectPathSyntaxBad : .objectPathSyntaxBad }
        first = false
      } else if separator && previousWasSeparator {
        return .objectNameInvalid
      }
      previousWasSeparator = separator
    }
    if count > Self.maximumNameLength { return .objectNameInvalid }
    if first { return hasRoot ? nil : .objectPathSyntaxBad }
    if previousWasSeparator && count > 1 { return .objectNameInvalid }
    if hasRoot && previousWasSeparator { return .objectNameInvalid }
    return nil
  }

  /// ObInsertObject: puts a new object in the namespace (if named), assigns its security and
  /// optionally returns a handle.
  ///
  /// An existing object of the same name and type is opened instead with OBJ_OPENIF (status
  /// STATUS_OBJECT_NAME_EXISTS, the new object discarded); without it the result is
  /// STATUS_OBJECT_NAME_COLLISION, and with another type STATUS_OBJECT_TYPE_MISMATCH.
  func insertObject(
    _ object: KObject, desiredAccess: AccessMask, mode: KProcessorMode, process: EProcess?, wantHandle: Bool,
    handleAttributes extra: ObjectAttributeFlags = []
  ) -> Result<(handle: Handle?, object: KObject, status: NTStatus), NTStatus> {
    let root = object.pendingRoot
    let explicitSD = object.pendingSecurity
    object.pendingRoot = nil
    object.pendingSecurity = nil
    let attrs = object.createAttributes.union(extra)
    guard let caller = process ?? kernel.systemProcess, let token = Optional(caller.token) ?? kernel.bootToken else {
      return insertDuringBoot(object)
    }
    if attrs.contains(.permanent), object.probeMode == .userMode, !token.hasPrivilege(.createPermanent) {
      dereference(object)
      return .failure(.privilegeNotHeld)
    }
    // A descriptor a user-mode creator gives is checked once the object is known to be new (an
    // existing object opened through OBJ_OPENIF ignores it).
    let refusal = object.probeMode == .userMode ? explicitSD.flatMap { validateAssignment($0, token: token) } : nil
    var target = object
    var status = NTStatus.success
    if object.name == nil, let refusal {
      dereference(object)
      return .failure(refusal)
    }
    if let name = object.name {
      let lookup = resolve(
        name, root: root, attributes: attrs, type: object.type, mode: mode, process: caller, forCreate: true)
      switch lookup {
      case .failure(let s):
        dereference(object)
        return .failure(s)
      case .success(.found(let existing)):
        // The lookup referenced the existing object: every refusal drops that reference too.
        if existing.type !== object.type {
          dereference(existing)
          dereference(object)
          return .failure(.objectTypeMismatch)
        }
        guard attrs.contains(.openIf) else {
          dereference(existing)
          dereference(object)
          return .failure(.objectNameCollision)
        }
        dereference(object)
        target = existing
        status = .objectNameExists
      case .success(.missing(let parent, let leaf)):
        if let s = checkCreateAccess(in: parent, type: object.type, mode: mode, process: caller) ?? refusal {
          dereference(object)
          return .failure(s)
        }
        if leaf != name {
          object.name = leaf
          if let b = object.nameBlock { pool.free(b) }
          object.nameBlock = allocateName(leaf)
        }
        link(object, into: parent)
      }
    }
    if target === object {
      object.securityDescriptor = assignSecurity(explicitSD, to: object, token: token)
      object.securityBlock = logSecurity(object.securityDescriptor)
      if attrs.contains(.permanent) { object.flags.insert(.permanentObject) }
      object.flags.remove(.newObject)
    }
    guard wantHandle else {
      // The caller keeps the creation reference as its pointer.
      return .success((nil, target, status))
    }
    let granted: AccessMask
    if target === object || mode == .kernelMode {
      granted = grantWithoutCheck(desiredAccess, type: target.type)
    } else {
      switch checkOpenAccess(target, desired: desiredAccess, mode: mode, process: caller, attributes: attrs) {
      case .failure(let s):
        dereference(target)
        return .failure(s)
      case .success(let g): granted = g
      }
    }
    switch createHandle(target, access: granted, attributes: attrs, mode: mode, process: caller) {
    case .failure(let s):
      if target === object { dereference(object) }
      return .failure(s)
    case .success(let h):
      // The creation reference (or the lookup reference of an opened existing object) goes.
      dereference(target)
      return .success((h, target, status))
    }
  }

  /// Insertion before the System process exists (its own token and process objects): no name,
  /// the boot token's security.
  private func insertDuringBoot(_ object: KObject) -> Result<(handle: Handle?, object: KObject, status: NTStatus), NTStatus> {
    object.pendingRoot = nil
    let explicit = object.pendingSecurity
    object.pendingSecurity = nil
    if let token = kernel.bootToken {
      object.securityDescriptor = assignSecurity(explicit, to: object, token: token)
      object.securityBlock = logSecurity(object.securityDescriptor)
    }
    object.flags.remove(.newObject)
    return .success((nil, object, .success))
  }

  /// The rights a creator (or a kernel caller) gets: generic rights mapped, MAXIMUM_ALLOWED as all.
  func grantWithoutCheck(_ desired: AccessMask, type: ObjectType) -> AccessMask {
    var g = type.initializer.genericMapping.map(desired)
    if g.contains(.maximumAllowed) {
      g.remove(.maximumAllowed)
      g.formUnion(type.initializer.genericMapping.all.union(type.initializer.validAccessMask))
    }
    return g
  }

  /// Links a named object into a directory: the entry references the object, the object its directory.
  func link(_ object: KObject, into parent: KObject) {
    guard let dir = parent.body as? ObjectDirectory, let name = object.name else { return }
    let entryBlock = pool.allocate(.paged, size: 0x18, tag: PoolTag("ObDi"))
    let entry = dir.insert(name: name, key: DirectoryHash.upcase(name), object: object, block: entryBlock)
    entryBlock?.renderer = { [unowned dir] in
      var w = LayoutWriter("_OBJECT_DIRECTORY_ENTRY")
      w.set("ChainLink", dir.chainLink(after: entry))
      w.set("Object", entry.object.address)
      w.set("HashValue", UInt64(entry.hash))
      return w.bytes
    }
    object.directoryEntryBlock = entryBlock
    object.directory = parent
    object.pointerCount += 1
    parent.pointerCount += 1
  }

  // MARK: Names and lifetime

  /// ObpDeleteNameCheck: once the last handle is gone, a temporary object's name leaves its
  /// directory (the object lives on while references remain, but can no longer be opened by name).
  func deleteNameCheck(_ object: KObject) {
    guard object.handleCount == 0, !object.isPermanent, let parent = object.directory,
      let dir = parent.body as? ObjectDirectory
    else { return }
    _ = dir.remove(object)
    if let b = object.directoryEntryBlock { pool.free(b) }
    object.directoryEntryBlock = nil
    object.directory = nil
    dereference(parent)
    dereference(object)
  }

  /// ObMakeTemporaryObject: clears permanence and removes the name now if no handle is open.
  func makeTemporary(_ object: KObject) {
    object.flags.remove(.permanentObject)
    deleteNameCheck(object)
  }

  /// Sets the permanent flag (NtMakePermanentObject after its privilege check).
  func makePermanent(_ object: KObject) { object.flags.insert(.permanentObject) }

  /// ObReferenceObject.
  func reference(_ object: KObject, count: Int64 = 1) { object.pointerCount += count }

  /// ObfDereferenceObject: the last reference deletes the object. A count going negative, or to
  /// zero while handles remain, is bugcheck 0x18 REFERENCE_BY_POINTER, as on Windows.
  func dereference(_ object: KObject, count: Int64 = 1) {
    guard !object.isDeleted else {
      kernel.bugCheck(.referenceByPointer, object.type.object?.address ?? 0, object.address, 4, UInt64(bitPattern: object.handleCount))
      return
    }
    object.pointerCount -= count
    if object.pointerCount < 0 {
      kernel.bugCheck(.referenceByPointer, object.type.object?.address ?? 0, object.address, 4, UInt64(bitPattern: object.handleCount))
      return
    }
    if object.pointerCount == 0 {
      if object.handleCount != 0 {
        kernel.bugCheck(.referenceByPointer, object.type.object?.address ?? 0, object.address, 3, UInt64(bitPattern: object.handleCount))
        return
      }
      delete(object)
    }
  }

  /// Frees an object: DeleteProcedure, security, name, then the memory, as ObpRemoveObjectRoutine does.
  private func delete(_ object: KObject) {
    if object.type.name == "Type" {
      // Type objects are not meant to die; the kernel touches the freed type and crashes (the
      // seed's ZwMakeTemporaryObject on the DataStack type).
      kernel.bugCheck(.pageFaultInNonPagedArea, object.address, 0, 0, 0)
      return
    }
    object.type.initializer.deleteProcedure?(object)
    object.isDeleted = true
    releaseSecurity(object.securityBlock)
    object.securityBlock = nil
    if let b = object.nameBlock { pool.free(b) }
    object.nameBlock = nil
    if let b = object.directoryEntryBlock { pool.free(b) }
    object.pendingRoot = nil
    object.pendingSecurity = nil
    object.type.objectDeleted(object)
    pool.free(object.block)
    object.body = nil
  }

  // MARK: Queries

  /// The true pointer count (`!trueref`): the raw count minus every handle entry's cached references.
  public func truePointerCount(_ object: KObject) -> Int64 {
    var cached: Int64 = 0
    for table in allHandleTables() {
      for (_, e) in table.handles where e.object === object { cached += Int64(e.refCount) }
    }
    return object.pointerCount - cached
  }

  /// Every handle table: the kernel's and each live process's.
  public func allHandleTables() -> [HandleTable] {
    [kernelHandles].compactMap { $0 } + kernel.processes.map(\.handleTable)
  }

  /// The live object whose body starts at an address (or whose header does).
  public func object(at address: UInt64) -> KObject? {
    for type in types {
      if let o = type.liveObjects[address] ?? type.liveObjects[address &+ 0x30] { return o }
    }
    return nil
  }
}

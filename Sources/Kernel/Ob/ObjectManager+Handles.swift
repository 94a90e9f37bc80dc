import NTCore

extension ObjectManager {
  /// A referenced object and the handle's granted access.
  struct Referenced {
    let object: KObject
    let grantedAccess: AccessMask
    let attributes: ObjectAttributeFlags
  }

  /// ObpCreateHandle: stores the object in a handle table and charges its references.
  func createHandle(
    _ object: KObject, access: AccessMask, attributes: ObjectAttributeFlags, mode: KProcessorMode, process: EProcess
  ) -> Result<Handle, NTStatus> {
    let kernelHandle = attributes.contains(.kernelHandle) && mode == .kernelMode
    guard let table = kernelHandle ? kernelHandles : process.handleTable else { return .failure(.invalidHandle) }
    if !kernelHandle, !process.isAlive { return .failure(.processIsTerminating) }
    if let open = object.type.initializer.openProcedure {
      let s = open(kernelHandle ? nil : process, object, access, Int(object.handleCount))
      if !s.isSuccess { return .failure(s) }
    }
    let bias: Int64 = kernelHandle ? 1 : Self.handleBias
    let handleAttributes = attributes.intersection([.inherit, .protectClose, .auditObjectClose])
    guard let h = table.insert(object, access: access, attributes: handleAttributes, refCount: UInt16(bias - 1)) else {
      return .failure(.insufficientResources)
    }
    object.pointerCount += bias
    object.handleCount += 1
    object.type.handleOpened()
    return .success(h)
  }

  /// ObReferenceObjectByHandle: the object behind a handle, checked for type and (for user-mode
  /// callers) for the access the operation needs.
  func referenceByHandle(
    _ handle: Handle, desired: AccessMask, type: ObjectType?, mode: KProcessorMode, process: EProcess
  ) -> Result<Referenced, NTStatus> {
    if handle == .currentProcess || handle == .currentThread {
      let object: KObject?
      if handle == .currentProcess {
        object = process.object
      } else {
        object = kernel.currentThread?.object
      }
      guard let object else { return .failure(.invalidHandle) }
      if let type, object.type !== type { return .failure(.objectTypeMismatch) }
      reference(object)
      return .success(Referenced(object: object, grantedAccess: AccessMask(0x1F_FFFF), attributes: []))
    }
    let table: HandleTable
    if handle.isKernelHandle {
      guard mode == .kernelMode, let k = kernelHandles else { return .failure(.invalidHandle) }
      table = k
    } else {
      table = process.handleTable
    }
    guard let e = table.entry(handle), let object = e.object else { return .failure(.invalidHandle) }
    if let type, object.type !== type { return .failure(.objectTypeMismatch) }
    if mode == .userMode {
      let need = object.type.initializer.genericMapping.map(desired)
      if !need.isSubset(of: e.grantedAccess) { return .failure(.accessDenied) }
    }
    if !table.takeCachedReference(handle) {
      if table.isKernelTable {
        object.pointerCount += 1
      } else {
        object.pointerCount += Self.handleBias
        table.recharge(handle, to: UInt16(Self.handleBias - 1))
      }
    }
    return .success(Referenced(object: object, grantedAccess: e.grantedAccess, attributes: e.attributes))
  }

  /// NtClose / ObCloseHandle.
  func closeHandle(_ handle: Handle, mode: KProcessorMode, process: EProcess) -> NTStatus {
    if handle.isPseudo { return .invalidHandle }
    let table: HandleTable
    if handle.isKernelHandle {
      guard mode == .kernelMode, let k = kernelHandles else { return .invalidHandle }
      table = k
    } else {
      table = process.handleTable
    }
    guard let e = table.entry(handle), let object = e.object else { return .invalidHandle }
    if e.isProtected { return .handleNotClosable }
    if let okay = object.type.initializer.okayToCloseProcedure, !okay(table.isKernelTable ? nil : process, object, handle, mode) {
      return .handleNotClosable
    }
    guard let removed = table.remove(handle) else { return .invalidHandle }
    object.handleCount -= 1
    object.type.handleClosed()
    if let close = object.type.initializer.closeProcedure {
      let inProcess = table.handleCount(of: object)
      close(table.isKernelTable ? nil : process, object, inProcess, Int(object.handleCount))
    }
    deleteNameCheck(object)
    dereference(object, count: 1 + Int64(removed.refCount))
    return .success
  }

  /// ObOpenObjectByName.
  func openByName(
    _ attributes: ObjectAttributes, type: ObjectType?, mode: KProcessorMode, desired: AccessMask, process: EProcess
  ) -> Result<(Handle, KObject), NTStatus> {
    guard attributes.length == 0x30 else { return .failure(.invalidParameter) }
    if !attributes.attributes.subtracting(.valid).isEmpty { return .failure(.invalidParameter) }
    guard let name = attributes.objectName, !name.isEmpty else {
      guard let root = attributes.rootDirectory else { return .failure(.objectPathSyntaxBad) }
      // An empty name relative to a root opens the root itself.
      switch referenceByHandle(root, desired: [], type: type, mode: mode, process: process) {
      case .failure(let s): return .failure(s)
      case .success(let r): return finishOpen(r.object, attributes: attributes.attributes, mode: mode, desired: desired, process: process)
      }
    }
    switch resolve(name, root: attributes.rootDirectory, attributes: attributes.attributes, type: type, mode: mode, process: process, forCreate: false) {
    case .failure(let s): return .failure(s)
    case .success(.missing): return .failure(.objectNameNotFound)
    case .success(.found(let object)):
      if let type, object.type !== type {
        dereference(object)
        return .failure(.objectTypeMismatch)
      }
      return finishOpen(object, attributes: attributes.attributes, mode: mode, desired: desired, process: process)
    }
  }

  private func finishOpen(
    _ object: KObject, attributes: ObjectAttributeFlags, mode: KProcessorMode, desired: AccessMask, process: EProcess
  ) -> Result<(Handle, KObject), NTStatus> {
    switch checkOpenAccess(object, desired: desired, mode: mode, process: process, attributes: attributes) {
    case .failure(let s):
      dereference(object)
      return .failure(s)
    case .success(let granted):
      let r = createHandle(object, access: granted, attributes: attributes, mode: mode, process: process)
      dereference(object)
      return r.map { ($0, object) }
    }
  }

  /// ObOpenObjectByPointer.
  func openByPointer(
    _ object: KObject, attributes: ObjectAttributeFlags, desired: AccessMask, type: ObjectType?, mode: KProcessorMode,
    process: EProcess
  ) -> Result<Handle, NTStatus> {
    if object.isDeleted { return .failure(.invalidParameter) }
    if let type, object.type !== type { return .failure(.objectTypeMismatch) }
    switch checkOpenAccess(object, desired: desired, mode: mode, process: process, attributes: attributes) {
    case .failure(let s): return .failure(s)
    case .success(let granted): return createHandle(object, access: granted, attributes: attributes, mode: mode, process: process)
    }
  }

  /// ObReferenceObjectByName.
  func referenceByName(
    _ name: String, attributes: ObjectAttributeFlags, type: ObjectType?, desired: AccessMask, mode: KProcessorMode,
    process: EProcess
  ) -> Result<KObject, NTStatus> {
    switch resolve(name, root: nil, attributes: attributes, type: type, mode: mode, process: process, forCreate: false) {
    case .failure(let s): return .failure(s)
    case .success(.missing): return .failure(.objectNameNotFound)
    case .success(.found(let object)):
      if let type, object.type !== type {
        dereference(object)
        return .failure(.objectTypeMismatch)
      }
      if case .failure(let s) = checkOpenAccess(object, desired: desired, mode: mode, process: process, attributes: attributes) {
        dereference(object)
        return .failure(s)
      }
      return .success(object)
    }
  }

  /// NtDuplicateObject between two processes' tables.
  func duplicate(
    source: Handle, from sourceProcess: EProcess, to targetProcess: EProcess, desired: AccessMask,
    attributes: ObjectAttributeFlags, sameAccess: Bool, closeSource: Bool, mode: KProcessorMode
  ) -> Result<Handle, NTStatus> {
    guard sourceProcess.isAlive, targetProcess.isAlive else { return .failure(.processIsTerminating) }
    let r: Referenced
    switch referenceByHandle(source, desired: [], type: nil, mode: mode, process: sourceProcess) {
    case .failure(let s): return .failure(s)
    case .success(let x): r = x
    }
    var access = sameAccess ? r.grantedAccess : grantWithoutCheck(desired, type: r.object.type)
    if !sameAccess, mode == .userMode, !access.isSubset(of: r.grantedAccess) {
      // A caller duplicating its own handle gets no more than the handle has; from another
      // process, more than the source handle has requires a fresh access check.
      if sourceProcess === kernel.currentProcess {
        dereference(r.object)
        return .failure(.accessDenied)
      }
      switch checkOpenAccess(r.object, desired: desired, mode: mode, process: targetProcess, attributes: attributes) {
      case .failure(let s):
        dereference(r.object)
        return .failure(s)
      case .success(let g): access = g
      }
    }
    let result = createHandle(r.object, access: access, attributes: attributes, mode: mode, process: targetProcess)
    dereference(r.object)
    if closeSource, case .success = result { _ = closeHandle(source, mode: mode, process: sourceProcess) }
    return result
  }

  /// Counts a process's handles to an object.
  public func handleCount(of object: KObject, in process: EProcess) -> Int {
    process.handleTable.handles.reduce(0) { $0 + ($1.entry.object === object ? 1 : 0) }
  }

  /// Closes every handle of a table (process rundown), newest last, ignoring protection.
  func rundown(_ table: HandleTable, process: EProcess) {
    for (h, _) in table.handles {
      if let e = table.entry(h), e.isProtected { table.setAttributes(h, e.attributes.subtracting(.protectClose)) }
      _ = closeHandle(h, mode: .kernelMode, process: process)
    }
  }
}

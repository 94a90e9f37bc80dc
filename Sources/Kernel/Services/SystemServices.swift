import NTCore

/// The system services: the Nt* routines a system call reaches, with Windows' previous-mode rules.
///
/// ntdll (NTAPI's native layer) enters them with ``Kernel/withCaller(_:mode:_:)`` and previous
/// mode UserMode; kernel code's Zw* calls reach them with KernelMode, which skips access checks,
/// privilege checks and probing.
public struct SystemServices {
  unowned(unsafe) let kernel: Kernel

  init(kernel: Kernel) { self.kernel = kernel }

  var ob: ObjectManager { kernel.ob }
  var mode: KProcessorMode { kernel.previousMode }
  var process: EProcess { kernel.currentProcess }

  func type(_ name: String) -> ObjectType? { ob.type(named: name) }

  /// Creates and inserts an object of a standard type: the common path of NtCreateEvent & co.
  func create(
    _ typeName: String, body: AnyObject, bodySize: Int, access: AccessMask, attributes: ObjectAttributes?,
    _ handle: inout Handle
  ) -> NTStatus {
    guard let t = type(typeName) else { return .unsuccessful }
    let o: KObject
    switch ob.createObject(
      probeMode: mode, type: t, attributes: attributes, ownership: mode, bodySize: bodySize, body: body, process: process)
    {
    case .failure(let s): return s
    case .success(let x): o = x
    }
    switch ob.insertObject(o, desiredAccess: access, mode: mode, process: process, wantHandle: true) {
    case .failure(let s): return s
    case .success(let r):
      handle = r.handle ?? .null
      return r.status
    }
  }

  /// The common path of NtOpenEvent & co.
  func open(_ typeName: String?, access: AccessMask, attributes: ObjectAttributes?, _ handle: inout Handle) -> NTStatus {
    guard let attributes else { return .invalidParameter }
    let t = typeName.flatMap { type($0) }
    switch ob.openByName(attributes, type: t, mode: mode, desired: access, process: process) {
    case .failure(let s): return s
    case .success(let (h, _)):
      handle = h
      return .success
    }
  }

  /// References a handle's object for an operation; runs `body` and dereferences.
  func withObject<T>(
    _ handle: Handle, _ access: AccessMask, _ typeName: String?, _ body: (KObject, AccessMask) -> Result<T, NTStatus>
  ) -> Result<T, NTStatus> {
    let t = typeName.flatMap { type($0) }
    switch ob.referenceByHandle(handle, desired: access, type: t, mode: mode, process: process) {
    case .failure(let s): return .failure(s)
    case .success(let r):
      defer { ob.dereference(r.object) }
      return body(r.object, r.grantedAccess)
    }
  }

  func status<T>(_ r: Result<T, NTStatus>, _ out: (T) -> Void = { _ in }) -> NTStatus {
    switch r {
    case .failure(let s): return s
    case .success(let v):
      out(v)
      return .success
    }
  }

  // MARK: Handles and objects

  /// NtClose.
  public func NtClose(_ handle: Handle) -> NTStatus { ob.closeHandle(handle, mode: mode, process: process) }

  /// NtMakeTemporaryObject: needs DELETE on the handle (not for kernel callers).
  public func NtMakeTemporaryObject(_ handle: Handle, mode callerMode: KProcessorMode? = nil) -> NTStatus {
    let m = callerMode ?? mode
    switch ob.referenceByHandle(handle, desired: .delete, type: nil, mode: m, process: process) {
    case .failure(let s): return s
    case .success(let r):
      ob.makeTemporary(r.object)
      ob.dereference(r.object)
      return .success
    }
  }

  /// NtMakePermanentObject: SeCreatePermanentPrivilege first (kernel callers are exempt), then
  /// the handle with no particular access.
  public func NtMakePermanentObject(_ handle: Handle, mode callerMode: KProcessorMode? = nil) -> NTStatus {
    let m = callerMode ?? mode
    if m == .userMode && !process.token.hasPrivilege(.createPermanent) { return .privilegeNotHeld }
    switch ob.referenceByHandle(handle, desired: [], type: nil, mode: m, process: process) {
    case .failure(let s): return s
    case .success(let r):
      ob.makePermanent(r.object)
      ob.dereference(r.object)
      return .success
    }
  }

  /// NtDuplicateObject within or between processes (handles to the processes, or nil for the caller).
  public func NtDuplicateObject(
    _ sourceProcess: Handle, _ sourceHandle: Handle, _ targetProcess: Handle, _ targetHandle: inout Handle,
    _ desiredAccess: AccessMask, _ handleAttributes: ObjectAttributeFlags, _ options: UInt32
  ) -> NTStatus {
    func resolve(_ h: Handle) -> Result<EProcess, NTStatus> {
      withObject(h, AccessMask(0x40), "Process") { o, _ in
        guard let p = o.body as? EProcess else { return .failure(.objectTypeMismatch) }
        return .success(p)
      }
    }
    let source: EProcess, target: EProcess
    switch resolve(sourceProcess) { case .failure(let s): return s; case .success(let p): source = p }
    switch resolve(targetProcess) { case .failure(let s): return s; case .success(let p): target = p }
    switch ob.duplicate(
      source: sourceHandle, from: source, to: target, desired: desiredAccess, attributes: handleAttributes,
      sameAccess: options & 2 != 0, closeSource: options & 1 != 0, mode: mode)
    {
    case .failure(let s): return s
    case .success(let h):
      targetHandle = h
      return .success
    }
  }

  /// NtSetInformationObject(ObjectHandleFlagInformation): inherit and protect-from-close.
  public func NtSetHandleFlags(_ handle: Handle, inherit: Bool, protectFromClose: Bool) -> NTStatus {
    let table = handle.isKernelHandle && mode == .kernelMode ? ob.kernelHandles! : process.handleTable
    guard let e = table.entry(handle) else { return .invalidHandle }
    var a = e.attributes.subtracting([.inherit, .protectClose])
    if inherit { a.insert(.inherit) }
    if protectFromClose { a.insert(.protectClose) }
    table.setAttributes(handle, a)
    return .success
  }

  /// NtQueryObject(ObjectBasicInformation) and the object's name (ObjectNameInformation).
  public func NtQueryObject(_ handle: Handle, _ info: inout ObjectBasicInformation?) -> NTStatus {
    status(withObject(handle, [], nil) { o, granted in
      let table = handle.isKernelHandle ? ob.kernelHandles! : process.handleTable
      let attrs = table.entry(handle)?.attributes ?? []
      return .success(ObjectBasicInformation(
        attributes: attrs, grantedAccess: granted, handleCount: o.handleCount, pointerCount: o.pointerCount - 1,
        pagedPoolCharge: o.pagedCharge, nonPagedPoolCharge: o.nonPagedCharge, typeName: o.type.name,
        name: o.fullPath ?? "", creationTime: kernel.dispatcher.bootSystemTime &+ o.createTime))
    }) { info = $0 }
  }

  /// NtQuerySecurityObject: needs READ_CONTROL.
  public func NtQuerySecurityObject(_ handle: Handle, _ sd: inout SecurityDescriptor?) -> NTStatus {
    status(withObject(handle, .readControl, nil) { o, _ in .success(o.securityDescriptor) }) { sd = $0 }
  }

  /// NtSetSecurityObject with the parts the descriptor carries: WRITE_DAC for a DACL; WRITE_OWNER
  /// for an owner, a group or a mandatory label (LABEL_SECURITY_INFORMATION); ACCESS_SYSTEM_SECURITY
  /// for audit ACEs (SACL_SECURITY_INFORMATION). A user-mode caller may assign only what
  /// ``ObjectManager/validateAssignment(_:token:)`` allows. Labels and audit ACEs replace their own
  /// kind in the SACL and keep the other.
  public func NtSetSecurityObject(_ handle: Handle, _ sd: SecurityDescriptor) -> NTStatus {
    let labels = sd.sacl?.aces.filter { $0.kind == .mandatoryLabel } ?? []
    let audits = sd.sacl?.aces.filter { $0.kind != .mandatoryLabel } ?? []
    var need: AccessMask = []
    if sd.daclPresent { need.insert(.writeDac) }
    if sd.owner != nil || sd.group != nil || !labels.isEmpty { need.insert(.writeOwner) }
    if !audits.isEmpty { need.insert(.accessSystemSecurity) }
    if let s = ObjectManager.validateStructure(sd) { return s }
    return status(withObject(handle, need, nil) { o, _ -> Result<Void, NTStatus> in
      // Audit ACEs are governed by ACCESS_SYSTEM_SECURITY on the handle, checked already.
      if mode == .userMode, let s = ob.validateAssignment(sd, token: process.token), s != .privilegeNotHeld {
        return .failure(s)
      }
      var merged = o.securityDescriptor ?? SecurityDescriptor(owner: nil, group: nil, dacl: nil, daclPresent: false)
      if let owner = sd.owner { merged.owner = owner }
      if let group = sd.group { merged.group = group }
      if sd.daclPresent {
        merged.daclPresent = true
        merged.dacl = sd.dacl
      }
      if sd.sacl != nil {
        var kept = merged.sacl?.aces ?? []
        if !labels.isEmpty { kept.removeAll { $0.kind == .mandatoryLabel } }
        if !audits.isEmpty { kept.removeAll { $0.kind != .mandatoryLabel } }
        let aces = labels + kept.filter { $0.kind == .mandatoryLabel } + audits + kept.filter { $0.kind != .mandatoryLabel }
        merged.sacl = aces.isEmpty ? nil : ACL(aces)
      }
      ob.setSecurity(o, merged)
      return .success(())
    })
  }

  // MARK: Events, mutants, semaphores

  /// NtCreateEvent (NotificationEvent or SynchronizationEvent).
  public func NtCreateEvent(
    _ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?, notification: Bool, initialState: Bool
  ) -> NTStatus {
    create("Event", body: KEvent(notification: notification, signaled: initialState), bodySize: 0x18, access: access,
           attributes: attributes, &handle)
  }

  /// NtOpenEvent.
  public func NtOpenEvent(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    open("Event", access: access, attributes: attributes, &handle)
  }

  /// NtSetEvent: needs EVENT_MODIFY_STATE; gives the previous state.
  public func NtSetEvent(_ handle: Handle, _ previousState: inout Int32) -> NTStatus {
    status(withObject(handle, AccessMask(0x2), "Event") { o, _ in
      guard let e = o.body as? KEvent else { return .failure(.objectTypeMismatch) }
      return .success(kernel.setEvent(e))
    }) { previousState = $0 }
  }

  /// NtResetEvent.
  public func NtResetEvent(_ handle: Handle, _ previousState: inout Int32) -> NTStatus {
    status(withObject(handle, AccessMask(0x2), "Event") { o, _ in
      guard let e = o.body as? KEvent else { return .failure(.objectTypeMismatch) }
      return .success(kernel.resetEvent(e))
    }) { previousState = $0 }
  }

  /// NtPulseEvent.
  public func NtPulseEvent(_ handle: Handle, _ previousState: inout Int32) -> NTStatus {
    status(withObject(handle, AccessMask(0x2), "Event") { o, _ in
      guard let e = o.body as? KEvent else { return .failure(.objectTypeMismatch) }
      return .success(kernel.pulseEvent(e))
    }) { previousState = $0 }
  }

  /// NtQueryEvent(EventBasicInformation): needs EVENT_QUERY_STATE.
  public func NtQueryEvent(_ handle: Handle, _ notification: inout Bool, _ state: inout Int32) -> NTStatus {
    status(withObject(handle, AccessMask(0x1), "Event") { (o, _) -> Result<(Bool, Int32), NTStatus> in
      guard let e = o.body as? KEvent else { return .failure(.objectTypeMismatch) }
      return .success((e.isNotification, e.signalState))
    }) { notification = $0.0; state = $0.1 }
  }

  /// NtCreateMutant.
  public func NtCreateMutant(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?, initialOwner: Bool) -> NTStatus {
    create("Mutant", body: KMutant(owner: initialOwner ? kernel.currentThread : nil), bodySize: 0x38, access: access,
           attributes: attributes, &handle)
  }

  /// NtOpenMutant.
  public func NtOpenMutant(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    open("Mutant", access: access, attributes: attributes, &handle)
  }

  /// NtReleaseMutant: only the owner (STATUS_MUTANT_NOT_OWNED).
  public func NtReleaseMutant(_ handle: Handle, _ previousCount: inout Int32) -> NTStatus {
    guard let thread = kernel.currentThread else { return .unsuccessful }
    return status(withObject(handle, [], "Mutant") { o, _ in
      guard let m = o.body as? KMutant else { return .failure(.objectTypeMismatch) }
      return kernel.releaseMutant(m, by: thread)
    }) { previousCount = $0 }
  }

  /// NtQueryMutant(MutantBasicInformation): current count, owned by caller, abandoned.
  public func NtQueryMutant(_ handle: Handle, _ info: inout (count: Int32, ownedByCaller: Bool, abandoned: Bool)) -> NTStatus {
    status(withObject(handle, AccessMask(0x1), "Mutant") { (o, _) -> Result<(count: Int32, ownedByCaller: Bool, abandoned: Bool), NTStatus> in
      guard let m = o.body as? KMutant else { return .failure(.objectTypeMismatch) }
      return .success((m.owner == nil ? 1 : 1 - m.recursion, m.owner != nil && m.owner === kernel.currentThread, m.abandoned))
    }) { info = $0 }
  }

  /// NtCreateSemaphore: 0 ≤ initial ≤ maximum and maximum ≥ 1, else STATUS_INVALID_PARAMETER.
  public func NtCreateSemaphore(
    _ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?, initialCount: Int32, maximumCount: Int32
  ) -> NTStatus {
    guard maximumCount > 0, initialCount >= 0, initialCount <= maximumCount else { return .invalidParameter }
    return create("Semaphore", body: KSemaphore(count: initialCount, limit: maximumCount), bodySize: 0x20, access: access,
                  attributes: attributes, &handle)
  }

  /// NtOpenSemaphore.
  public func NtOpenSemaphore(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    open("Semaphore", access: access, attributes: attributes, &handle)
  }

  /// NtReleaseSemaphore: needs SEMAPHORE_MODIFY_STATE; STATUS_SEMAPHORE_LIMIT_EXCEEDED past the maximum.
  public func NtReleaseSemaphore(_ handle: Handle, _ releaseCount: Int32, _ previousCount: inout Int32) -> NTStatus {
    status(withObject(handle, AccessMask(0x2), "Semaphore") { o, _ in
      guard let s = o.body as? KSemaphore else { return .failure(.objectTypeMismatch) }
      return kernel.releaseSemaphore(s, releaseCount)
    }) { previousCount = $0 }
  }

  /// NtQuerySemaphore: count and maximum.
  public func NtQuerySemaphore(_ handle: Handle, _ count: inout Int32, _ maximum: inout Int32) -> NTStatus {
    status(withObject(handle, AccessMask(0x1), "Semaphore") { (o, _) -> Result<(Int32, Int32), NTStatus> in
      guard let s = o.body as? KSemaphore else { return .failure(.objectTypeMismatch) }
      return .success((s.count, s.limit))
    }) { count = $0.0; maximum = $0.1 }
  }

  // MARK: Jobs

  /// NtCreateJobObject.
  public func NtCreateJobObject(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    create("Job", body: EJob(), bodySize: 0x5a8, access: access, attributes: attributes, &handle)
  }

  /// NtOpenJobObject.
  public func NtOpenJobObject(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    open("Job", access: access, attributes: attributes, &handle)
  }

  /// NtAssignProcessToJobObject: JOB_OBJECT_ASSIGN_PROCESS on the job, PROCESS_SET_QUOTA and
  /// PROCESS_TERMINATE on the process.
  public func NtAssignProcessToJobObject(_ job: Handle, _ processHandle: Handle) -> NTStatus {
    status(withObject(job, AccessMask(0x1), "Job") { (jobObject, _) -> Result<Void, NTStatus> in
      withObject(processHandle, AccessMask(0x101), "Process") { (po, _) -> Result<Void, NTStatus> in
        guard let p = po.body as? EProcess else { return .failure(.objectTypeMismatch) }
        let s = kernel.assign(p, to: jobObject)
        return s.isSuccess ? .success(()) : .failure(s)
      }
    })
  }

  /// NtTerminateJobObject: JOB_OBJECT_TERMINATE.
  public func NtTerminateJobObject(_ job: Handle, _ exitStatus: UInt32) -> NTStatus {
    status(withObject(job, AccessMask(0x8), "Job") { o, _ in
      let s = kernel.terminate(job: o, exitStatus: exitStatus)
      return s.isSuccess ? .success(()) : .failure(s)
    })
  }

  /// NtQueryInformationJobObject(JobObjectBasicProcessIdList): JOB_OBJECT_QUERY.
  public func NtQueryJobProcesses(_ job: Handle, _ pids: inout [UInt32]) -> NTStatus {
    status(withObject(job, AccessMask(0x4), "Job") { o, _ in
      guard let j = o.body as? EJob else { return .failure(.objectTypeMismatch) }
      return .success(j.activeProcesses.map(\.pid))
    }) { pids = $0 }
  }

  // MARK: Directories and links

  /// NtCreateDirectoryObject.
  public func NtCreateDirectoryObject(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    let body = ObjectDirectory(sessionId: process.sessionId)
    let s = create("Directory", body: body, bodySize: 0x158, access: access, attributes: attributes, &handle)
    if s.isSuccess, let e = process.handleTable.entry(handle), let o = e.object, o.body === body { body.object = o }
    return s
  }

  /// NtOpenDirectoryObject.
  public func NtOpenDirectoryObject(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    open("Directory", access: access, attributes: attributes, &handle)
  }

  /// NtQueryDirectoryObject: every entry (name, type name) in bucket order; needs DIRECTORY_QUERY.
  public func NtQueryDirectoryObject(_ handle: Handle, _ entries: inout [DirectoryEntryInformation]) -> NTStatus {
    status(withObject(handle, AccessMask(0x1), "Directory") { o, _ in
      guard let d = o.body as? ObjectDirectory else { return .failure(.objectTypeMismatch) }
      return .success(d.entries.map { DirectoryEntryInformation(name: $0.name, typeName: $0.object.type.name) })
    }) { entries = $0 }
  }

  /// NtCreateSymbolicLinkObject.
  public func NtCreateSymbolicLinkObject(
    _ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?, target: String
  ) -> NTStatus {
    guard target.utf16.count <= ObjectManager.maximumNameLength else { return .nameTooLong }
    return create("SymbolicLink", body: SymbolicLink(target: target, creationTime: kernel.dispatcher.systemTime),
                  bodySize: 0x38, access: access, attributes: attributes, &handle)
  }

  /// NtOpenSymbolicLinkObject (OBJ_OPENLINK is implied for the last component).
  public func NtOpenSymbolicLinkObject(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    var a = attributes
    a?.attributes.insert(.openLink)
    return open("SymbolicLink", access: access, attributes: a, &handle)
  }

  /// NtQuerySymbolicLinkObject: needs SYMBOLIC_LINK_QUERY.
  public func NtQuerySymbolicLinkObject(_ handle: Handle, _ target: inout String) -> NTStatus {
    status(withObject(handle, AccessMask(0x1), "SymbolicLink") { o, _ in
      guard let l = o.body as? SymbolicLink else { return .failure(.objectTypeMismatch) }
      return .success(l.target)
    }) { target = $0 }
  }

  /// Opens any object by name with a type (WinObj's generic open, for the types without an Nt*Open).
  public func NtOpenObject(_ handle: inout Handle, _ typeName: String?, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    open(typeName, access: access, attributes: attributes, &handle)
  }
}

/// OBJECT_BASIC_INFORMATION, with the type and name a caller would query separately.
public struct ObjectBasicInformation: Sendable, Equatable {
  /// Handle attributes.
  public let attributes: ObjectAttributeFlags
  /// The handle's granted access.
  public let grantedAccess: AccessMask
  /// HandleCount.
  public let handleCount: Int64
  /// PointerCount as NtQueryObject reports it (the query's own reference not counted).
  public let pointerCount: Int64
  /// PagedPoolCharge.
  public let pagedPoolCharge: UInt32
  /// NonPagedPoolCharge.
  public let nonPagedPoolCharge: UInt32
  /// ObjectTypeInformation's name.
  public let typeName: String
  /// ObjectNameInformation: the full path, empty when unnamed.
  public let name: String
  /// CreationTime (FILETIME).
  public let creationTime: Int64
}

/// OBJECT_DIRECTORY_INFORMATION.
public struct DirectoryEntryInformation: Sendable, Equatable {
  /// The entry's name.
  public let name: String
  /// Its type's name.
  public let typeName: String
}

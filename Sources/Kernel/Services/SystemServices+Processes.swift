import NTCore

/// Process, thread, token, wait and I/O system services.
extension SystemServices {
  /// NtCreateUserProcess: a child of the caller in its session with a copy of its token, running
  /// `body`; returns process and thread handles with all access.
  public func NtCreateUserProcess(
    _ processHandle: inout Handle, _ threadHandle: inout Handle, image: String, commandLine: String,
    inheritHandles: Bool, wow64: Bool = false, body: Kernel.ThreadBody?
  ) -> NTStatus {
    let parent = process
    switch kernel.createProcess(
      image: image, commandLine: commandLine, parent: parent, token: nil, sessionId: parent.sessionId,
      inheritHandles: inheritHandles, wow64: wow64, priority: 8, body: body)
    {
    case .failure(let s): return s
    case .success(let p):
      if p.sessionId != nil { kernel.openStartupHandles(p) }
      guard let po = p.object, let to = p.threads.first?.object else { return .unsuccessful }
      switch ob.openByPointer(po, attributes: [], desired: AccessMask(0x1F_FFFF), type: nil, mode: .kernelMode, process: parent) {
      case .failure(let s): return s
      case .success(let h): processHandle = h
      }
      switch ob.openByPointer(to, attributes: [], desired: AccessMask(0x1F_FFFF), type: nil, mode: .kernelMode, process: parent) {
      case .failure(let s): return s
      case .success(let h): threadHandle = h
      }
      return .success
    }
  }

  /// NtOpenProcess by id: STATUS_INVALID_CID when no process object has the id; STATUS_ACCESS_DENIED for
  /// more than ``EProcess/protectedAccess`` to a protected process from an unprotected caller; then
  /// the access check.
  public func NtOpenProcess(_ handle: inout Handle, _ access: AccessMask, pid: UInt32) -> NTStatus {
    // The id stays valid until the process object is deleted, even after the process has exited.
    guard let p = kernel.process(pid: pid), let o = p.object else { return .invalidCID }
    var access = access
    if p.isProtected, mode == .userMode, !process.isProtected {
      // An unprotected caller gets at most the limited rights (MAXIMUM_ALLOWED: those its DACL grants).
      let mapped = o.type.initializer.genericMapping.map(access)
      if mapped.contains(.maximumAllowed) {
        guard case .success(let most) = ob.checkAccess(o, desired: .maximumAllowed, process: process),
          !most.intersection(EProcess.protectedAccess).isEmpty
        else { return .accessDenied }
        access = most.intersection(EProcess.protectedAccess)
      } else if !mapped.isSubset(of: EProcess.protectedAccess) {
        return .accessDenied
      }
    }
    switch ob.openByPointer(o, attributes: [], desired: access, type: type("Process"), mode: mode, process: process) {
    case .failure(let s): return s
    case .success(let h):
      handle = h
      return .success
    }
  }

  /// NtOpenThread by id.
  public func NtOpenThread(_ handle: inout Handle, _ access: AccessMask, tid: UInt32) -> NTStatus {
    guard let t = kernel.thread(tid: tid), let o = t.object else { return .invalidCID }
    switch ob.openByPointer(o, attributes: [], desired: access, type: type("Thread"), mode: mode, process: process) {
    case .failure(let s): return s
    case .success(let h):
      handle = h
      return .success
    }
  }

  /// NtTerminateProcess: PROCESS_TERMINATE. Returns the process so the caller can tell self-termination.
  public func NtTerminateProcess(_ handle: Handle, _ exitStatus: UInt32) -> NTStatus {
    status(withObject(handle, AccessMask(0x1), "Process") { (o, _) -> Result<Void, NTStatus> in
      guard let p = o.body as? EProcess else { return .failure(.objectTypeMismatch) }
      guard p.isAlive else { return .failure(.processIsTerminating) }
      kernel.terminate(p, exitStatus: exitStatus)
      return .success(())
    })
  }

  /// NtQueryInformationProcess(ProcessBasicInformation): the process behind a handle.
  public func NtQueryProcess(_ handle: Handle, _ info: inout ProcessInformation?) -> NTStatus {
    status(withObject(handle, AccessMask(0x1000), "Process") { o, _ in
      guard let p = o.body as? EProcess else { return .failure(.objectTypeMismatch) }
      return .success(ProcessInformation(p, kernel: kernel))
    }) { info = $0 }
  }

  /// NtOpenProcessToken: the primary token of a process (PROCESS_QUERY_LIMITED_INFORMATION).
  public func NtOpenProcessToken(_ processHandle: Handle, _ access: AccessMask, _ tokenHandle: inout Handle) -> NTStatus {
    let r: Result<KObject, NTStatus> = withObject(processHandle, AccessMask(0x1000), "Process") { o, _ in
      guard let p = o.body as? EProcess else { return .failure(.objectTypeMismatch) }
      return .success(p.tokenObject)
    }
    switch r {
    case .failure(let s): return s
    case .success(let token):
      switch ob.openByPointer(token, attributes: [], desired: access, type: type("Token"), mode: mode, process: process) {
      case .failure(let s): return s
      case .success(let h):
        tokenHandle = h
        return .success
      }
    }
  }

  /// NtAdjustPrivilegesToken for one privilege: TOKEN_ADJUST_PRIVILEGES; STATUS_NOT_ALL_ASSIGNED
  /// (a success) when the token does not hold it.
  public func NtAdjustPrivilegesToken(_ tokenHandle: Handle, _ privilege: Privilege, enable: Bool) -> NTStatus {
    switch withObject(tokenHandle, AccessMask(0x20), "Token", { o, _ -> Result<Bool, NTStatus> in
      guard let t = o.body as? Token else { return .failure(.objectTypeMismatch) }
      return .success(t.setPrivilege(privilege, enabled: enable))
    }) {
    case .failure(let s): return s
    case .success(let done): return done ? .success : .notAllAssigned
    }
  }

  /// NtQueryInformationToken: TOKEN_QUERY; the whole token (user, groups, privileges, integrity).
  public func NtQueryInformationToken(_ tokenHandle: Handle, _ token: inout Token?) -> NTStatus {
    status(withObject(tokenHandle, AccessMask(0x8), "Token") { o, _ in
      guard let t = o.body as? Token else { return .failure(.objectTypeMismatch) }
      return .success(t)
    }) { token = $0 }
  }

  // MARK: Waits

  /// The dispatcher object a wait on an object uses: the body's, the default object, or none.
  func waitObject(_ o: KObject) -> DispatcherObject? {
    switch o.body {
    case let d as DispatcherObject: return d
    case let w as WaitableBody: return w.dispatcherObject
    case let p as EProcess: return p.header
    case let t as EThread: return t.header
    default: return o.type.initializer.useDefaultObject ? ob.defaultObject : nil
    }
  }

  /// References the handles of a wait: SYNCHRONIZE on each, at most 64, no duplicates with WaitAll.
  func waitObjects(_ handles: [Handle], waitAll: Bool) -> Result<[DispatcherObject], NTStatus> {
    guard !handles.isEmpty, handles.count <= 64 else { return .failure(.invalidParameter(1)) }
    var objects: [DispatcherObject] = []
    for h in handles {
      switch withObject(h, .synchronize, nil, { o, _ -> Result<DispatcherObject, NTStatus> in
        guard let d = waitObject(o) else { return .failure(.objectTypeMismatch) }
        return .success(d)
      }) {
      case .failure(let s): return .failure(s)
      case .success(let d): objects.append(d)
      }
    }
    if waitAll {
      for (i, a) in objects.enumerated() where objects[(i + 1)...].contains(where: { $0 === a }) {
        return .failure(.invalidParameterMix)
      }
    }
    return .success(objects)
  }

  /// NtWaitForMultipleObjects (and NtWaitForSingleObject) for a simulated thread: suspends it.
  /// Timeouts are relative, in 100-ns units; nil waits forever.
  public func NtWaitForMultipleObjects(_ handles: [Handle], waitAll: Bool, timeout: Int64?) async throws -> NTStatus {
    guard let thread = kernel.currentThread else { return .unsuccessful }
    switch waitObjects(handles, waitAll: waitAll) {
    case .failure(let s): return s
    case .success(let objects):
      return try await kernel.dispatcher.wait(thread, on: objects, waitAll: waitAll, timeout: timeout, reason: .userRequest)
    }
  }

  /// The same wait for a thread the shell drives: the machine runs until the wait completes.
  public func NtWaitForMultipleObjectsSynchronously(
    _ handles: [Handle], waitAll: Bool, timeout: Int64?
  ) -> Result<Dispatcher.SyncWaitOutcome, NTStatus> {
    guard let thread = kernel.currentThread else { return .failure(.unsuccessful) }
    switch waitObjects(handles, waitAll: waitAll) {
    case .failure(let s): return .failure(s)
    case .success(let objects):
      return .success(kernel.dispatcher.waitSynchronously(thread, on: objects, waitAll: waitAll, timeout: timeout))
    }
  }

  /// NtDelayExecution for a simulated thread: a relative interval in 100-ns units; nil sleeps forever.
  public func NtDelayExecution(ticks: Int64?) async throws -> NTStatus {
    guard let thread = kernel.currentThread else { return .unsuccessful }
    return try await kernel.dispatcher.delay(thread, ticks: ticks)
  }

  // MARK: I/O

  /// NtOpenFile of a device.
  public func NtOpenFile(_ handle: inout Handle, _ access: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    guard let attributes else { return .invalidParameter }
    guard let thread = kernel.currentThread else { return .unsuccessful }
    switch kernel.openDevice(attributes, desired: access, mode: mode, thread: thread) {
    case .failure(let s): return s
    case .success(let h):
      handle = h
      return .success
    }
  }

  /// NtDeviceIoControlFile (METHOD_BUFFERED): the status, bytes returned and output.
  public func NtDeviceIoControlFile(
    _ handle: Handle, _ code: UInt32, _ input: [UInt8], _ outputLength: Int, _ output: inout [UInt8],
    _ information: inout UInt64, userArguments: [AnyObject] = []
  ) -> NTStatus {
    guard let thread = kernel.currentThread else { return .unsuccessful }
    let r = kernel.deviceIoControl(
      handle, code: code, input: input, outputLength: outputLength, userArguments: userArguments, mode: mode, thread: thread)
    output = r.output
    information = r.information
    return r.status
  }
}

/// SYSTEM_PROCESS_INFORMATION, with the token facts Task Manager shows.
public struct ProcessInformation: Sendable, Equatable {
  /// UniqueProcessId.
  public let pid: UInt32
  /// InheritedFromUniqueProcessId.
  public let parentPid: UInt32
  /// ImageName.
  public let imageName: String
  /// The command line.
  public let commandLine: String
  /// SessionId (nil: none).
  public let sessionId: UInt32?
  /// HandleCount.
  public let handleCount: Int
  /// The user (`DOMAIN\name`).
  public let userName: String
  /// Integrity level name (`High`).
  public let integrity: String
  /// True for an elevated (full) token.
  public let elevated: Bool
  /// Exit code once exited.
  public let exitStatus: UInt32?
  /// The threads.
  public let threads: [ThreadInformation]
  /// CreateTime, interrupt time (100 ns since boot).
  public let createTime: Int64
  /// The job's object address, if in a job.
  public let jobAddress: UInt64?
  /// The process object's address.
  public let objectAddress: UInt64

  init(_ p: EProcess, kernel: Kernel) {
    pid = p.pid
    parentPid = p.parentPid
    imageName = p.imageName
    commandLine = p.commandLine
    sessionId = p.sessionId
    handleCount = p.handleTable.count
    userName = p.token.userName
    integrity = IntegrityNames.name(p.token.integrityLevel)
    elevated = p.token.elevationType == .full || p.token.user == .localSystem
    exitStatus = p.exitStatus
    threads = p.threads.map(ThreadInformation.init)
    createTime = p.createTime
    jobAddress = p.job?.address
    objectAddress = p.object?.address ?? 0
  }
}

/// SYSTEM_THREAD_INFORMATION.
public struct ThreadInformation: Sendable, Equatable {
  /// The thread id.
  public let tid: UInt32
  /// Priority.
  public let priority: Int
  /// BasePriority.
  public let basePriority: Int
  /// ThreadState.
  public let state: EThread.State
  /// WaitReason (meaningful while waiting).
  public let waitReason: EThread.WaitReason
  /// The start symbol.
  public let startSymbol: String
  /// The thread object's address.
  public let objectAddress: UInt64

  init(_ t: EThread) {
    tid = t.tid
    priority = t.priority
    basePriority = t.basePriority
    state = t.state
    waitReason = t.waitReason
    startSymbol = t.startSymbol
    objectAddress = t.object?.address ?? 0
  }
}

/// Names of mandatory integrity levels.
public enum IntegrityNames {
  /// `Untrusted`, `Low`, `Medium`, `Medium Plus`, `High`, `System`.
  public static func name(_ label: SID) -> String {
    switch label.rid ?? 0 {
    case 0: return "Untrusted"
    case 0x1000: return "Low"
    case 0x2000: return "Medium"
    case 0x2100: return "Medium Plus"
    case 0x3000: return "High"
    case 0x4000: return "System"
    case 0x5000: return "Protected"
    default: return label.description
    }
  }
}

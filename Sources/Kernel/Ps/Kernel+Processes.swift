import NTCore

/// Process and thread lifetime (the Ps layer).
///
/// References: a process object keeps its creation reference while it runs (released at exit); each
/// thread object keeps its creation reference while it runs and holds one reference on its
/// process until the thread object is deleted. A process in a job references the job.
extension Kernel {
  /// The body of a simulated thread: it gets its thread and returns the exit code.
  public typealias ThreadBody = (EThread) async throws -> UInt32

  /// PspCreateProcess: a process object with a fresh handle table (inheriting the parent's
  /// inheritable handles at the same values when asked), a token duplicated from `token` (or the
  /// parent's), and its initial thread.
  public func createProcess(
    image: String, commandLine: String? = nil, parent: EProcess?, token: Token? = nil, sessionId: UInt32?,
    inheritHandles: Bool = false, wow64: Bool = false, priority: Int = 8, startSymbol: String? = nil,
    synchronousMainThread: Bool = false, body: ThreadBody? = nil
  ) -> Result<EProcess, NTStatus> {
    guard let processType = ob.type(named: "Process"), let tokenType = ob.type(named: "Token") else {
      return .failure(.unsuccessful)
    }
    let creator = parent ?? systemProcess
    let sourceToken = token ?? creator?.token
    guard let sourceToken else { return .failure(.noToken) }
    nextTokenId += 1
    let newToken = sourceToken.duplicate(tokenId: nextTokenId)
    let tokenObject: KObject
    switch ob.createObject(
      probeMode: .kernelMode, type: tokenType, attributes: nil, ownership: .kernelMode, bodySize: 0x498, body: newToken,
      process: creator)
    {
    case .failure(let s): return .failure(s)
    case .success(let o): tokenObject = o
    }
    _ = ob.insertObject(tokenObject, desiredAccess: [], mode: .kernelMode, process: creator, wantHandle: false)
    let pid = cid.allocate()
    let table = HandleTable(pool: pool, kernelTable: false)
    let hash = UInt64(pid) &* 0x9E37_79B9
    let process = EProcess(
      pid: pid, parentPid: creator?.pid ?? 0, imageName: image, commandLine: commandLine ?? image, sessionId: sessionId,
      tokenObject: tokenObject, handleTable: table, createTime: dispatcher.interruptTime, isWow64: wow64,
      peb: sessionId == nil ? 0 : 0x7F_0000_0000 + (hash & 0xF_FFFF) << 12,
      directoryTableBase: 0x1_0000_0000 + (hash & 0xF_FFFF) << 12 | 0x002)
    table.process = process
    let object: KObject
    switch ob.createObject(
      probeMode: .kernelMode, type: processType, attributes: nil, ownership: .kernelMode, bodySize: 0xa40, body: process,
      process: creator)
    {
    case .failure(let s):
      cid.release(pid)
      table.destroy()
      ob.dereference(tokenObject)
      return .failure(s)
    case .success(let o): object = o
    }
    _ = ob.insertObject(object, desiredAccess: [], mode: .kernelMode, process: creator, wantHandle: false)
    process.object = object
    processes.append(process)
    if inheritHandles, let creator {
      for (h, e) in creator.handleTable.handles where e.isInheritable {
        guard let o = e.object else { continue }
        if table.insert(o, access: e.grantedAccess, attributes: e.attributes, refCount: UInt16(ObjectManager.handleBias - 1), at: h.index) {
          o.pointerCount += ObjectManager.handleBias
          o.handleCount += 1
          o.type.handleOpened()
        }
      }
    }
    if case .failure(let s) = createThread(
      in: process, priority: priority, startSymbol: startSymbol ?? "\(image.split(separator: ".").first ?? "")!wmainCRTStartup",
      synchronous: synchronousMainThread, isMain: true, body: body)
    {
      terminate(process, exitStatus: s.rawValue)
      return .failure(s)
    }
    for routine in processNotifyRoutines { routine(process, true) }
    return .success(process)
  }

  /// PspCreateThread: a thread object in a process. With a body, the thread runs it as a task; a
  /// synchronous thread is driven by the shell; without either, the thread parks on a private
  /// event forever (the boot world's idle threads).
  @discardableResult
  public func createThread(
    in process: EProcess, priority: Int, startSymbol: String, synchronous: Bool = false, isMain: Bool = false,
    body: ThreadBody?
  ) -> Result<EThread, NTStatus> {
    guard process.isAlive else { return .failure(.processIsTerminating) }
    guard let threadType = ob.type(named: "Thread") else { return .failure(.unsuccessful) }
    let tid = cid.allocate()
    let thread = EThread(
      tid: tid, process: process, priority: priority, startSymbol: startSymbol, createTime: dispatcher.interruptTime,
      synchronous: synchronous)
    thread.isMainThread = isMain
    if process.sessionId != nil { thread.teb = process.peb + 0x1000 + UInt64(process.threads.count) * 0x2000 }
    switch ob.createObject(
      probeMode: .kernelMode, type: threadType, attributes: nil, ownership: .kernelMode, bodySize: 0x898, body: thread,
      process: process)
    {
    case .failure(let s):
      cid.release(tid)
      return .failure(s)
    case .success(let o):
      _ = ob.insertObject(o, desiredAccess: [], mode: .kernelMode, process: process, wantHandle: false)
      thread.object = o
      if let po = process.object { ob.reference(po) }
    }
    process.threads.append(thread)
    for routine in threadNotifyRoutines { routine(thread, true) }
    if let body {
      start(thread, body: body)
    } else if synchronous {
      thread.state = .running
    } else {
      dispatcher.park(thread, on: [idleEvent])
    }
    return .success(thread)
  }

  private func start(_ thread: EThread, body: @escaping ThreadBody) {
    let launch = Unchecked(value: ThreadLaunch(kernel: self, thread: thread, body: body))
    thread.state = .ready
    Task(executorPreference: dispatcher.executor) {
      await launch.value.run()
    }
  }

  /// TerminateProcess: every thread ends now; their code unwinds at the next dispatch.
  public func terminate(_ process: EProcess, exitStatus: UInt32) {
    guard process.isAlive else { return }
    for t in process.threads where t.isAlive {
      t.exitStatus = t.exitStatus ?? exitStatus
      dispatcher.terminate(t)
      threadExited(t, exitStatus: exitStatus, processStatus: exitStatus)
    }
    if process.isAlive { processExited(process, exitStatus: exitStatus) }
  }

  /// TerminateThread / a thread's return: the thread ends; the last thread ends its process.
  public func terminate(_ thread: EThread, exitStatus: UInt32) {
    guard thread.isAlive else { return }
    thread.exitStatus = exitStatus
    dispatcher.terminate(thread)
    threadExited(thread, exitStatus: exitStatus)
  }

  func threadExited(_ thread: EThread, exitStatus: UInt32, processStatus: UInt32? = nil) {
    guard thread.isAlive else { return }
    thread.isTerminating = true
    thread.hasExited = true
    thread.exitStatus = exitStatus
    thread.state = .terminated
    for m in thread.ownedMutants where m.owner === thread {
      m.owner = nil
      m.recursion = 0
      m.abandoned = true
      m.signalState = 1
      dispatcher.signal(m)
    }
    thread.ownedMutants.removeAll()
    thread.header.signalState = 1
    dispatcher.signal(thread.header)
    for routine in threadNotifyRoutines { routine(thread, false) }
    if let o = thread.object { ob.dereference(o) }  // the running reference
    let process = thread.process
    if process.isAlive, process.liveThreads.isEmpty { processExited(process, exitStatus: processStatus ?? exitStatus) }
  }

  private func processExited(_ process: EProcess, exitStatus: UInt32) {
    guard process.isAlive else { return }
    process.exitStatus = exitStatus
    process.exitTime = dispatcher.interruptTime
    if process.isCritical, !isShuttingDown { bugCheck(.criticalProcessDied, process.object?.address ?? 0, 0, 0, 0) }
    // A job is signaled when its last active process ends.
    if let job = process.job?.body as? EJob, job.activeProcesses.isEmpty {
      job.event.signalState = 1
      dispatcher.signal(job.event)
    }
    console.flush(pid: process.pid, image: process.imageName)
    process.header.signalState = 1
    dispatcher.signal(process.header)
    for routine in processNotifyRoutines { routine(process, false) }
    ob.rundown(process.handleTable, process: process)
    if let o = process.object { ob.dereference(o) }  // the running reference
  }

  /// Process object DeleteProcedure: leave the job, free the table and token, free the id.
  func deleteProcess(_ object: KObject) {
    guard let p = object.body as? EProcess else { return }
    if let jobObject = p.job, let job = jobObject.body as? EJob {
      job.processes.removeAll { $0 === p }
      p.job = nil
      ob.dereference(jobObject)
    }
    p.handleTable.destroy()
    ob.dereference(p.tokenObject)
    processes.removeAll { $0 === p }
    cid.release(p.pid)
  }

  /// Thread object DeleteProcedure: drop the process reference, free the id.
  func deleteThread(_ object: KObject) {
    guard let t = object.body as? EThread else { return }
    t.process.threads.removeAll { $0 === t }
    cid.release(t.tid)
    if let po = t.process.object { ob.dereference(po) }
  }

  /// AssignProcessToJobObject after its checks: the process references the job.
  public func assign(_ process: EProcess, to jobObject: KObject) -> NTStatus {
    guard let job = jobObject.body as? EJob else { return .objectTypeMismatch }
    guard process.isAlive else { return .processIsTerminating }
    if let current = process.job {
      return current === jobObject ? .success : .accessDenied
    }
    ob.reference(jobObject)
    process.job = jobObject
    job.processes.append(process)
    job.event.signalState = 0  // active again: signaled only when all its processes have ended
    job.totalProcesses += 1
    return .success
  }

  /// TerminateJobObject: ends every member and signals the job.
  public func terminate(job jobObject: KObject, exitStatus: UInt32) -> NTStatus {
    guard let job = jobObject.body as? EJob else { return .objectTypeMismatch }
    for p in job.activeProcesses {
      terminate(p, exitStatus: exitStatus)
      job.terminatedProcesses += 1
    }
    job.event.signalState = 1
    dispatcher.signal(job.event)
    return .success
  }

  /// The thread the shell acts through in a process: the process's synchronous thread, created
  /// on first use (ntsh.exe's main thread is one from boot).
  public func actingThread(in process: EProcess) -> Result<EThread, NTStatus> {
    if let t = process.threads.first(where: { $0.isSynchronous && $0.isAlive }) { return .success(t) }
    return createThread(in: process, priority: 8, startSymbol: "ntsh!ActingThread", synchronous: true, body: nil)
  }

}


/// What a simulated thread's task runs: the start gate, the body, then the exit.
final class ThreadLaunch {
  let kernel: Kernel
  let thread: EThread
  let body: Kernel.ThreadBody

  init(kernel: Kernel, thread: EThread, body: @escaping Kernel.ThreadBody) {
    self.kernel = kernel
    self.thread = thread
    self.body = body
  }

  func run() async {
    var code: UInt32 = 0
    do {
      try await kernel.dispatcher.startGate(thread)
      code = try await body(thread)
      if thread.isMainThread {
        // Returning from main ends the process, as the C runtime's ExitProcess does.
        kernel.terminate(thread.process, exitStatus: code)
        return
      }
    } catch let t as ThreadTermination {
      code = t.exitStatus
    } catch {
      code = NTStatus.unsuccessful.rawValue
    }
    kernel.threadExited(thread, exitStatus: code)
  }
}

import NTCore

/// Thrown into a simulated thread's code when its thread or process is terminated: the program
/// unwinds and the thread exits with the code.
public struct ThreadTermination: Error, Sendable {
  /// The exit status of the thread.
  public let exitStatus: UInt32

  /// Creates the error for an exit code.
  public init(exitStatus: UInt32) { self.exitStatus = exitStatus }
}

/// The dispatcher: virtual clock, waits with timeouts, and the deterministic scheduling of
/// simulated threads (see ARCHITECTURE.md, "Execution model").
public final class Dispatcher {
  /// 100-ns ticks per millisecond.
  public static let ticksPerMillisecond: Int64 = 10_000

  /// The outcome of running the machine until something happens.
  public enum RunOutcome: Equatable, Sendable {
    /// The condition became true.
    case done
    /// No thread can run and no timer is pending.
    case idle
    /// The virtual-time limit was reached first.
    case limitReached
  }

  /// The outcome of a synchronous wait by the acting thread.
  public enum SyncWaitOutcome: Equatable, Sendable {
    /// The wait completed with this status (a WAIT_n, ABANDONED or TIMEOUT status).
    case completed(NTStatus)
    /// Nothing can ever satisfy the wait: no runnable thread, no timer, infinite timeout.
    case deadlock
  }

  let executor = DispatcherExecutor()
  unowned let kernel: Kernel
  /// Interrupt time: 100-ns units since boot.
  public private(set) var interruptTime: Int64 = 0
  /// FILETIME of the boot instant (2024-09-02 09:00:00 UTC).
  public let bootSystemTime: Int64 = 133_697_412_000_000_000
  private var timers = TimerQueue()
  private var timerSequence: UInt64 = 0
  private var ready: [(thread: EThread, sequence: UInt64)] = []
  private var readySequence: UInt64 = 0
  private var generation: UInt64 = 0
  private var draining = false
  private var waiting: [ObjectIdentifier: EThread] = [:]

  init(kernel: Kernel) { self.kernel = kernel }

  /// The largest system time (FILETIME 0x7FFFFFFFFFFFFFFF, 30828-09-14 02:48:05.4775807 UTC): the clock
  /// stops there, so every time the kernel computes stays representable.
  public static let maxSystemTime = Int64.max

  /// The largest interrupt time: the one at which system time reaches ``maxSystemTime``.
  public var maxInterruptTime: Int64 { Self.maxSystemTime - bootSystemTime }

  /// Ticks the clock can still advance before it reaches ``maxInterruptTime``.
  public var remainingTicks: Int64 { maxInterruptTime - interruptTime }

  /// System time (FILETIME): the boot instant plus interrupt time (never above ``maxSystemTime``).
  public var systemTime: Int64 { bootSystemTime + interruptTime }

  /// The instant `ticks` from now, saturated at ``maxInterruptTime`` (how far the clock may go).
  public func instant(after ticks: Int64) -> Int64 {
    ticks >= remainingTicks ? maxInterruptTime : interruptTime + max(0, ticks)
  }

  /// The due time of a timeout `ticks` from now, or nil when it falls past ``maxInterruptTime``:
  /// the clock never gets there, so such a timeout is never armed and the wait is as if infinite
  /// (a thread sleeping in a loop at the end of time then blocks instead of spinning).
  func dueTime(after ticks: Int64) -> Int64? {
    ticks > remainingTicks ? nil : interruptTime + max(0, ticks)
  }

  /// Milliseconds since boot (GetTickCount64).
  public var tickCount: Int64 { interruptTime / Self.ticksPerMillisecond }

  /// Threads currently blocked in a wait.
  public var waitingThreads: [EThread] { waiting.values.sorted { $0.tid < $1.tid } }

  // MARK: Waits by simulated threads

  /// Suspends a simulated thread until one (or all) of the objects is signaled or the timeout
  /// (100-ns units; nil for infinite) elapses. Returns STATUS_WAIT_n, STATUS_ABANDONED_WAIT_n or
  /// STATUS_TIMEOUT; throws ``ThreadTermination`` when the thread is terminated meanwhile.
  public func wait(
    _ thread: EThread, on objects: [DispatcherObject], waitAll: Bool, timeout: Int64?, reason: EThread.WaitReason
  ) async throws -> NTStatus {
    if thread.isTerminating { throw ThreadTermination(exitStatus: thread.exitStatus ?? 0) }
    if let r = satisfyNow(thread, objects, waitAll: waitAll) { return r }
    if let t = timeout, t <= 0 { return .timeout }
    return try await suspend(thread) {
      self.register(thread, objects, waitAll: waitAll, timeout: timeout, isDelay: false, reason: reason)
    }
  }

  /// Suspends a simulated thread for an interval (KeDelayExecutionThread); zero yields; nil sleeps
  /// forever (no timer is armed: only termination ends the sleep).
  public func delay(_ thread: EThread, ticks: Int64?) async throws -> NTStatus {
    if thread.isTerminating { throw ThreadTermination(exitStatus: thread.exitStatus ?? 0) }
    return try await suspend(thread) {
      if let ticks, ticks <= 0 {
        self.makeReady(thread, .success)
      } else {
        self.register(thread, [], waitAll: false, timeout: ticks, isDelay: true, reason: .delayExecution)
      }
    }
  }

  /// Parks a new thread until the dispatcher first schedules it.
  func startGate(_ thread: EThread) async throws {
    _ = try await suspend(thread) { self.makeReady(thread, .success) }
  }

  private func suspend(_ thread: EThread, _ arm: () -> Void) async throws -> NTStatus {
    try await withUnsafeThrowingContinuation { (c: UnsafeContinuation<NTStatus, Error>) in
      thread.continuation = c
      arm()
    }
  }

  // MARK: Waits by the acting (shell) thread

  /// Waits on behalf of a thread driven by the shell: runs the machine from timer to timer until
  /// the wait is satisfied or times out. Reports a deadlock instead of waiting forever.
  public func waitSynchronously(
    _ thread: EThread, on objects: [DispatcherObject], waitAll: Bool, timeout: Int64?
  ) -> SyncWaitOutcome {
    if let r = satisfyNow(thread, objects, waitAll: waitAll) { return .completed(r) }
    if let t = timeout, t <= 0 { return .completed(.timeout) }
    let deadline = timeout.flatMap { dueTime(after: $0) }
    register(thread, objects, waitAll: waitAll, timeout: nil, isDelay: false, reason: .userRequest)
    while true {
      runReady()
      if let r = thread.syncResult {
        thread.syncResult = nil
        return .completed(r)
      }
      let next = nextDue()
      if let deadline, next.map({ $0 > deadline }) ?? true {
        interruptTime = max(interruptTime, deadline)
        cancelWait(thread)
        return .completed(.timeout)
      }
      guard next != nil else {
        cancelWait(thread)
        return .deadlock
      }
      fireNextTimer()
    }
  }

  /// Sleeps on behalf of the acting thread: the machine runs for the interval.
  public func sleepSynchronously(ticks: Int64) { advance(by: ticks) }

  // MARK: Signalling

  /// Satisfies the waits an object's new state allows, in wait-list order.
  public func signal(_ object: DispatcherObject) {
    guard !object.waiters.isEmpty else { return }
    for block in object.waiters {
      guard object.isSignaled(for: block.thread) else { continue }
      let t = block.thread
      guard let ws = t.wait, ws.blocks.contains(where: { $0 === block }) else { continue }
      if let r = satisfyNow(t, ws.objects, waitAll: ws.waitAll) {
        unlink(ws, of: t)
        makeReady(t, r)
      }
    }
  }

  // MARK: Running the machine

  /// Runs every ready thread at the current instant until none is ready. Never moves the clock.
  public func runReady() {
    guard !draining else { return }
    draining = true
    defer { draining = false }
    while true {
      executor.runAll()
      guard !ready.isEmpty else { break }
      var best = 0
      for i in 1..<ready.count {
        let a = ready[i], b = ready[best]
        if a.thread.priority > b.thread.priority || (a.thread.priority == b.thread.priority && a.sequence < b.sequence) {
          best = i
        }
      }
      let t = ready.remove(at: best).thread
      guard let c = t.continuation else { continue }
      t.continuation = nil
      if t.isTerminating {
        c.resume(throwing: ThreadTermination(exitStatus: t.exitStatus ?? 0))
      } else {
        t.state = .running
        c.resume(returning: t.resumeValue)
      }
    }
  }

  /// Advances the clock by an interval, firing timers and running threads on the way. The clock
  /// stops at ``maxInterruptTime``; callers that take the interval from input check ``remainingTicks``.
  public func advance(by ticks: Int64) { advance(to: instant(after: ticks)) }

  /// Advances the clock to an instant, firing due timers one at a time.
  public func advance(to target: Int64) {
    runReady()
    while let due = nextDue(), due <= target {
      fireNextTimer()
      runReady()
    }
    interruptTime = max(interruptTime, min(target, maxInterruptTime))
    runReady()
  }

  /// Runs the machine until `done()` holds, it goes idle, or `limit` ticks of virtual time pass.
  public func run(until done: () -> Bool, limit: Int64) -> RunOutcome {
    let end = instant(after: limit)
    while true {
      runReady()
      if done() { return .done }
      guard let due = nextDue() else { return .idle }
      if due > end {
        interruptTime = max(interruptTime, end)
        return .limitReached
      }
      fireNextTimer()
    }
  }

  /// True when no thread is ready and no timer is armed.
  public var isIdle: Bool { ready.isEmpty && executor.isEmpty && nextDue() == nil }

  /// The due time of the earliest armed timer.
  public func nextDue() -> Int64? {
    while let first = timers.first {
      if first.thread.wait?.generation == first.generation { return first.due }
      _ = timers.removeFirst()
    }
    return nil
  }

  private func fireNextTimer() {
    guard let e = timers.removeFirst() else { return }
    interruptTime = max(interruptTime, e.due)
    guard let ws = e.thread.wait, ws.generation == e.generation else { return }
    unlink(ws, of: e.thread)
    makeReady(e.thread, ws.isDelay ? .success : .timeout)
  }

  // MARK: Termination

  /// Ends a thread's wait so its code unwinds with ``ThreadTermination`` on the next run.
  func terminate(_ thread: EThread) {
    thread.isTerminating = true
    if let ws = thread.wait {
      unlink(ws, of: thread)
      makeReady(thread, .success)
    }
  }

  // MARK: Deadlocks

  /// Cycles in the wait-for graph: a thread waits on a mutant owned by a thread that (through
  /// more mutants) waits for the first. Each cycle lists its threads in order.
  public func deadlockCycles() -> [[EThread]] {
    func owners(_ t: EThread) -> [EThread] {
      guard let ws = t.wait else { return [] }
      return ws.objects.compactMap { ($0 as? KMutant)?.owner }.filter { $0 !== t }
    }
    var cycles: [[EThread]] = []
    var reported = Set<ObjectIdentifier>()
    for start in waitingThreads where !reported.contains(ObjectIdentifier(start)) {
      var path: [EThread] = [start]
      var current = start
      while let next = owners(current).first(where: { $0.wait != nil }) {
        if let i = path.firstIndex(where: { $0 === next }) {
          let cycle = Array(path[i...])
          if !cycle.contains(where: { reported.contains(ObjectIdentifier($0)) }) {
            cycles.append(cycle)
            for t in cycle { reported.insert(ObjectIdentifier(t)) }
          }
          break
        }
        path.append(next)
        current = next
      }
    }
    return cycles
  }

  // MARK: Internals

  private func satisfyNow(_ thread: EThread, _ objects: [DispatcherObject], waitAll: Bool) -> NTStatus? {
    if objects.isEmpty { return nil }
    if waitAll {
      guard objects.allSatisfy({ $0.isSignaled(for: thread) }) else { return nil }
      var abandoned = false
      for o in objects where o.consume(by: thread) { abandoned = true }
      return abandoned ? .abandonedWait0 : .wait0
    }
    for (i, o) in objects.enumerated() where o.isSignaled(for: thread) {
      let abandoned = o.consume(by: thread)
      return NTStatus((abandoned ? 0x80 : 0) + UInt32(i))
    }
    return nil
  }

  private func register(
    _ thread: EThread, _ objects: [DispatcherObject], waitAll: Bool, timeout: Int64?, isDelay: Bool,
    reason: EThread.WaitReason
  ) {
    generation &+= 1
    let blocks = objects.enumerated().map { WaitBlock(thread: thread, index: $0.offset) }
    let ws = WaitState(objects: objects, blocks: blocks, waitAll: waitAll, generation: generation, isDelay: isDelay)
    for (o, b) in zip(objects, blocks) { o.waiters.append(b) }
    thread.wait = ws
    thread.state = .waiting
    thread.waitReason = reason
    thread.waitStart = interruptTime
    waiting[ObjectIdentifier(thread)] = thread
    if let timeout, let due = dueTime(after: timeout) {
      timerSequence &+= 1
      timers.insert(.init(due: due, sequence: timerSequence, thread: thread, generation: generation))
    }
  }

  private func unlink(_ ws: WaitState, of thread: EThread) {
    for (o, b) in zip(ws.objects, ws.blocks) { o.waiters.removeAll { $0 === b } }
    thread.wait = nil
    waiting[ObjectIdentifier(thread)] = nil
  }

  private func cancelWait(_ thread: EThread) {
    if let ws = thread.wait { unlink(ws, of: thread) }
    thread.state = .running
  }

  private func makeReady(_ thread: EThread, _ value: NTStatus) {
    if thread.isSynchronous {
      thread.syncResult = value
      thread.state = .running
      return
    }
    thread.resumeValue = value
    thread.state = .ready
    readySequence &+= 1
    ready.append((thread, readySequence))
  }

  /// Blocks a thread that has no code to resume (an idle boot thread) on objects, forever.
  func park(_ thread: EThread, on objects: [DispatcherObject]) {
    register(thread, objects, waitAll: false, timeout: nil, isDelay: false, reason: .userRequest)
  }

  /// Discards every queued thread and timer (used when the machine is torn down).
  func reset() {
    ready.removeAll()
    timers.removeAll()
    waiting.removeAll()
  }
}

/// What a blocked thread waits for.
final class WaitState {
  let objects: [DispatcherObject]
  let blocks: [WaitBlock]
  let waitAll: Bool
  let generation: UInt64
  let isDelay: Bool

  init(objects: [DispatcherObject], blocks: [WaitBlock], waitAll: Bool, generation: UInt64, isDelay: Bool) {
    self.objects = objects
    self.blocks = blocks
    self.waitAll = waitAll
    self.generation = generation
    self.isDelay = isDelay
  }
}

import NTCore

/// Dispatcher exports: events, semaphores, mutexes, waits, priorities.
extension Ntoskrnl {
  /// KeInitializeEvent: NotificationEvent (manual reset) or SynchronizationEvent.
  public func KeInitializeEvent(notification: Bool, state: Bool) -> KEvent { KEvent(notification: notification, signaled: state) }

  /// KeSetEvent: returns the previous state; waiters are released.
  @discardableResult
  public func KeSetEvent(_ event: KEvent, _ increment: Int = 0, _ wait: Bool = false) -> Int32 { kernel.setEvent(event) }

  /// KeResetEvent: returns the previous state.
  @discardableResult
  public func KeResetEvent(_ event: KEvent) -> Int32 { kernel.resetEvent(event) }

  /// KeClearEvent.
  public func KeClearEvent(_ event: KEvent) { _ = kernel.resetEvent(event) }

  /// KeReadStateEvent.
  public func KeReadStateEvent(_ event: KEvent) -> Int32 { event.signalState }

  /// KeInitializeSemaphore.
  public func KeInitializeSemaphore(count: Int32, limit: Int32) -> KSemaphore { KSemaphore(count: count, limit: limit) }

  /// KeInitializeMutex: a free mutant.
  public func KeInitializeMutant() -> KMutant { KMutant(owner: nil) }

  /// The body of a directory object a driver creates with ObCreateObject.
  public func initializeDirectory() -> ObjectDirectory { ObjectDirectory() }

  /// KeReleaseSemaphore: returns the previous count. Exceeding the limit raises
  /// STATUS_SEMAPHORE_LIMIT_EXCEEDED, which unhandled in a driver is bugcheck 0x1E.
  @discardableResult
  public func KeReleaseSemaphore(_ semaphore: KSemaphore, _ increment: Int = 0, _ adjustment: Int32, _ wait: Bool = false) -> Int32 {
    switch kernel.releaseSemaphore(semaphore, adjustment) {
    case .success(let previous): return previous
    case .failure(let s):
      kernel.bugCheck(.kmodeExceptionNotHandled, UInt64(s.rawValue), 0, 0, 0)
      return semaphore.count
    }
  }

  /// KeWaitForSingleObject from synchronous kernel code: a satisfied wait or a zero timeout
  /// completes at once; when the caller is the shell's thread the machine runs until the wait
  /// completes. A simulated thread's system call cannot block in ntsh, so a wait that would block
  /// returns STATUS_NOT_SUPPORTED instead of pretending (use ``KeWaitForSingleObjectAsync``).
  public func KeWaitForSingleObject(_ object: DispatcherObject, timeout: Int64?) -> NTStatus {
    guard let thread = kernel.currentThread else { return .notSupported }
    if thread.isSynchronous {
      switch kernel.dispatcher.waitSynchronously(thread, on: [object], waitAll: false, timeout: timeout) {
      case .completed(let s): return s
      case .deadlock: return .possibleDeadlock
      }
    }
    if object.isSignaled(for: thread) {
      return object.consume(by: thread) ? .abandonedWait0 : .wait0
    }
    return timeout == 0 ? .timeout : .notSupported
  }

  /// KeWaitForSingleObject from kernel code running as a simulated thread (a system thread's body).
  public func KeWaitForSingleObjectAsync(_ object: DispatcherObject, timeout: Int64?) async throws -> NTStatus {
    guard let thread = kernel.currentThread else { return .notSupported }
    return try await kernel.dispatcher.wait(thread, on: [object], waitAll: false, timeout: timeout, reason: .executive)
  }

  /// KeDelayExecutionThread from a simulated thread.
  public func KeDelayExecutionThread(_ thread: EThread, milliseconds: Int64) async throws -> NTStatus {
    let (ticks, overflow) = milliseconds.multipliedReportingOverflow(by: Dispatcher.ticksPerMillisecond)
    return try await kernel.dispatcher.delay(thread, ticks: overflow ? (milliseconds < 0 ? 0 : Int64.max) : ticks)
  }

  /// KeSetPriorityThread: returns the old priority (1…31).
  @discardableResult
  public func KeSetPriorityThread(_ thread: EThread, _ priority: Int) -> Int {
    let old = thread.priority
    thread.priority = max(1, min(31, priority))
    return old
  }

  /// KeQueryPriorityThread.
  public func KeQueryPriorityThread(_ thread: EThread) -> Int { thread.priority }
}

/// Dispatcher operations shared by the exports and the system services.
extension Kernel {
  /// Sets an event and releases its waiters; returns the previous state.
  public func setEvent(_ event: KEvent) -> Int32 {
    let previous = event.signalState
    event.signalState = 1
    dispatcher.signal(event)
    return previous
  }

  /// Resets an event; returns the previous state.
  public func resetEvent(_ event: KEvent) -> Int32 {
    let previous = event.signalState
    event.signalState = 0
    return previous
  }

  /// Releases waiters that can go now and leaves the event reset (PulseEvent).
  public func pulseEvent(_ event: KEvent) -> Int32 {
    let previous = setEvent(event)
    event.signalState = 0
    return previous
  }

  /// Adds to a semaphore's count; STATUS_SEMAPHORE_LIMIT_EXCEEDED past its limit.
  public func releaseSemaphore(_ semaphore: KSemaphore, _ count: Int32) -> Result<Int32, NTStatus> {
    guard count > 0 else { return .failure(.invalidParameter) }
    let previous = semaphore.signalState
    let (sum, overflow) = previous.addingReportingOverflow(count)
    guard !overflow, sum <= semaphore.limit else { return .failure(.semaphoreLimitExceeded) }
    semaphore.signalState = sum
    dispatcher.signal(semaphore)
    return .success(previous)
  }

  /// Releases a mutant owned by `thread`; STATUS_MUTANT_NOT_OWNED otherwise. Returns the previous
  /// signal state (1 − recursion, as NtReleaseMutant reports it).
  public func releaseMutant(_ mutant: KMutant, by thread: EThread) -> Result<Int32, NTStatus> {
    guard mutant.owner === thread, mutant.recursion > 0 else { return .failure(.mutantNotOwned) }
    let previous = 1 - mutant.recursion
    mutant.recursion -= 1
    if mutant.recursion == 0 {
      mutant.owner = nil
      thread.ownedMutants.removeAll { $0 === mutant }
      mutant.signalState = 1
      dispatcher.signal(mutant)
    }
    return .success(previous)
  }
}

import NTCore

/// The waitable part of an object (`_DISPATCHER_HEADER`): a signal state and a FIFO list of
/// waiting threads.
///
/// Events, mutants, semaphores, processes and threads are dispatcher objects; a driver's body can
/// embed a ``KEvent`` and expose it through ``WaitableBody`` to make its objects waitable, as the
/// seed's DataStack does with the KEVENT at the start of its body.
public class DispatcherObject {
  /// `_DISPATCHER_HEADER.Type`, the kernel's object kinds.
  public enum Kind: UInt8, Sendable {
    /// A manual-reset event.
    case notificationEvent = 0
    /// An auto-reset event.
    case synchronizationEvent = 1
    /// A mutant (mutex).
    case mutant = 2
    /// A process (signaled when it exits).
    case process = 3
    /// A semaphore.
    case semaphore = 5
    /// A thread (signaled when it exits).
    case thread = 6
  }

  /// The kind.
  public let kind: Kind
  /// SignalState: >0 signaled (event 1, semaphore count, mutant 1 when free).
  public internal(set) var signalState: Int32
  /// Threads waiting, first come first served.
  var waiters: [WaitBlock] = []

  init(kind: Kind, signalState: Int32) {
    self.kind = kind
    self.signalState = signalState
  }

  /// True when a wait by `thread` would be satisfied now.
  func isSignaled(for thread: EThread) -> Bool { signalState > 0 }

  /// Applies the side effects of satisfying a wait (auto-reset, count down, acquire). Returns true
  /// when the wait acquired an abandoned mutant.
  func consume(by thread: EThread) -> Bool { false }

  /// The number of threads waiting.
  public var waiterCount: Int { waiters.count }
}

/// A KEVENT: notification (manual reset) or synchronization (auto reset).
public final class KEvent: DispatcherObject {
  /// Creates an event (KeInitializeEvent).
  public init(notification: Bool, signaled: Bool) {
    super.init(kind: notification ? .notificationEvent : .synchronizationEvent, signalState: signaled ? 1 : 0)
  }

  /// True for a manual-reset event.
  public var isNotification: Bool { kind == .notificationEvent }

  /// True while set.
  public var isSet: Bool { signalState > 0 }

  override func consume(by thread: EThread) -> Bool {
    if kind == .synchronizationEvent { signalState = 0 }
    return false
  }
}

/// A KSEMAPHORE: a count between zero and a limit.
public final class KSemaphore: DispatcherObject {
  /// The maximum count.
  public let limit: Int32

  /// Creates a semaphore (KeInitializeSemaphore).
  public init(count: Int32, limit: Int32) {
    self.limit = limit
    super.init(kind: .semaphore, signalState: count)
  }

  /// The current count.
  public var count: Int32 { signalState }

  override func consume(by thread: EThread) -> Bool {
    signalState -= 1
    return false
  }
}

/// A KMUTANT: owned by one thread at a time, recursively; abandoned when its owner dies.
public final class KMutant: DispatcherObject {
  /// The owning thread, nil when free.
  public internal(set) weak var owner: EThread?
  /// How many times the owner acquired it.
  public internal(set) var recursion: Int32 = 0
  /// Set when the owner died holding it; the next acquirer learns it once.
  public internal(set) var abandoned = false

  /// Creates a mutant, owned by `owner` when given.
  public init(owner: EThread?) {
    super.init(kind: .mutant, signalState: owner == nil ? 1 : 0)
    if let owner {
      self.owner = owner
      recursion = 1
      owner.ownedMutants.append(self)
    }
  }

  override func isSignaled(for thread: EThread) -> Bool { owner == nil || owner === thread }

  override func consume(by thread: EThread) -> Bool {
    if owner == nil {
      owner = thread
      thread.ownedMutants.append(self)
    }
    recursion += 1
    signalState = 0
    let wasAbandoned = abandoned
    abandoned = false
    return wasAbandoned
  }
}

/// A body whose objects can be waited on, through a dispatcher object it embeds.
public protocol WaitableBody: AnyObject {
  /// The embedded dispatcher object (the KEVENT at the start of a DataStack body).
  var dispatcherObject: DispatcherObject { get }
}

/// One thread's entry in one object's wait list.
final class WaitBlock {
  unowned let thread: EThread
  let index: Int

  init(thread: EThread, index: Int) {
    self.thread = thread
    self.index = index
  }
}

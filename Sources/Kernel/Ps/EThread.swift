import NTCore

/// A thread (the body of Thread objects): its ids, priority, state, wait and TEB fields.
///
/// A simulated thread runs Swift code as a task on the dispatcher's executor; a *synchronous*
/// thread (the shell acting inside a process) never suspends: its waits run the machine instead.
public final class EThread {
  /// KTHREAD_STATE.
  public enum State: UInt8, Sendable {
    /// Initialized.
    case initialized = 0
    /// Ready.
    case ready = 1
    /// Running.
    case running = 2
    /// Terminated.
    case terminated = 4
    /// Waiting.
    case waiting = 5
  }

  /// KWAIT_REASON values ntsh uses.
  public enum WaitReason: UInt8, Sendable {
    /// Executive.
    case executive = 0
    /// DelayExecution (Sleep).
    case delayExecution = 4
    /// UserRequest (WaitForSingleObject).
    case userRequest = 6
    /// WrUserRequest (a GUI thread waiting for messages).
    case wrUserRequest = 13

    /// The name `!thread` prints.
    public var name: String {
      switch self {
      case .executive: return "Executive"
      case .delayExecution: return "DelayExecution"
      case .userRequest: return "UserRequest"
      case .wrUserRequest: return "WrUserRequest"
      }
    }
  }

  /// The thread id (from the CID table, a multiple of 4).
  public let tid: UInt32
  /// The owning process.
  public unowned let process: EProcess
  /// Current priority.
  public internal(set) var priority: Int
  /// Base priority.
  public internal(set) var basePriority: Int
  /// Scheduling state.
  public internal(set) var state: State = .initialized
  /// Why the thread waits, when it does.
  public internal(set) var waitReason: WaitReason = .executive
  /// When the current wait started (interrupt time).
  public internal(set) var waitStart: Int64 = 0
  /// The symbol the thread started at, for `!thread` (`notepad!wWinMainCRTStartup`).
  public let startSymbol: String
  /// Creation time (interrupt time).
  public let createTime: Int64
  /// Set once the thread has exited.
  public internal(set) var exitStatus: UInt32?
  /// TEB address (zero for system threads).
  public internal(set) var teb: UInt64 = 0
  /// TEB.LastErrorValue (GetLastError).
  public var lastError: UInt32 = 0
  /// TEB.LastStatusValue: the NTSTATUS behind the last error.
  public var lastStatus: NTStatus = .success
  /// KTHREAD.PreviousMode while a system call runs.
  public internal(set) var previousMode: KProcessorMode = .userMode
  /// True for a thread driven by the shell.
  public let isSynchronous: Bool
  /// The thread object.
  public internal(set) weak var object: KObject?
  /// The dispatcher header (signaled on exit).
  public let header: ThreadDispatcherObject

  var wait: WaitState?
  var continuation: UnsafeContinuation<NTStatus, Error>?
  var resumeValue: NTStatus = .success
  var syncResult: NTStatus?
  var isTerminating = false
  var isMainThread = false
  var hasExited = false
  var ownedMutants: [KMutant] = []

  init(tid: UInt32, process: EProcess, priority: Int, startSymbol: String, createTime: Int64, synchronous: Bool) {
    self.tid = tid
    self.process = process
    self.priority = priority
    self.basePriority = priority
    self.startSymbol = startSymbol
    self.createTime = createTime
    self.isSynchronous = synchronous
    self.header = ThreadDispatcherObject()
  }

  /// True while the thread runs (not yet terminated).
  public var isAlive: Bool { !hasExited }

  /// The objects the thread waits on, in wait order.
  public var waitObjects: [DispatcherObject] { wait?.objects ?? [] }

  /// True when blocked in Sleep rather than on objects.
  public var isDelaying: Bool { wait?.isDelay ?? false }

  /// The mutants the thread owns.
  public var mutants: [KMutant] { ownedMutants }
}

/// The dispatcher header of a thread: signaled when it exits.
public final class ThreadDispatcherObject: DispatcherObject {
  init() { super.init(kind: .thread, signalState: 0) }
}

/// The dispatcher header of a process: signaled when it exits.
public final class ProcessDispatcherObject: DispatcherObject {
  init() { super.init(kind: .process, signalState: 0) }
}

/// KPROCESSOR_MODE: who made the call.
public enum KProcessorMode: UInt8, Sendable {
  /// KernelMode: a driver or the kernel itself; access checks and probes are skipped.
  case kernelMode = 0
  /// UserMode: a system call from a process.
  case userMode = 1

  /// The name WinDbg prints.
  public var name: String { self == .kernelMode ? "KernelMode" : "UserMode" }
}

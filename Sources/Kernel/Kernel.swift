import NTCore

/// The simulated Windows kernel: object manager, executive, dispatcher, processes, I/O and the
/// address space, for one boot.
///
/// Not `Sendable`: everything runs on the thread that owns the ``Machine`` (see ARCHITECTURE.md,
/// "Execution model"). Build one with ``Machine``, which boots lazily and reboots in place.
public final class Kernel {
  /// The boot configuration this kernel started with.
  public let configuration: BootConfiguration
  /// Seeded base addresses and the header cookie.
  public let layout: AddressLayout
  /// The simulated kernel address space.
  public let memory = AddressSpace()
  /// The pools.
  public let pool: Pool
  /// The dispatcher and virtual clock.
  public private(set) var dispatcher: Dispatcher!
  /// The object manager.
  public private(set) var ob: ObjectManager!
  /// nt's global symbols.
  public private(set) var symbols: KernelSymbols!
  /// Console output of simulated processes.
  public let console = ConsoleLog()
  /// Every process object not yet deleted, in creation order (PsActiveProcessHead).
  public internal(set) var processes: [EProcess] = []
  /// The System process (pid 4).
  public internal(set) var systemProcess: EProcess!
  /// System's first worker thread, kept past its deletion: kernel work during shutdown (handle
  /// rundowns after System's threads are gone) still needs a thread to run on.
  var bootWorkerThread: EThread!
  /// The thread whose system call or driver routine is running.
  public internal(set) var currentThread: EThread?
  /// Set once the machine has crashed; nothing runs after a bugcheck.
  public internal(set) var bugCheckInfo: BugCheck?
  /// True while ``shutDown()`` ends every process (critical processes then end without a bugcheck).
  var isShuttingDown = false
  /// Loaded drivers by service name.
  public internal(set) var drivers: [String: DriverObject] = [:]
  /// Loaded modules (nt first), for `lm`.
  public internal(set) var modules: [Module] = []
  /// DbgPrint output, oldest first (the kd context's `!dbgprint`).
  public internal(set) var debugOutput: [String] = []
  /// The system services (the Nt* routines system calls reach).
  public var services: SystemServices { SystemServices(kernel: self) }
  /// The routines exported to drivers.
  public var ntoskrnl: Ntoskrnl { Ntoskrnl(kernel: self) }
  /// Sessions by id.
  public internal(set) var sessions: [UInt32: SessionInfo] = [:]
  /// Routines registered with PsSetCreateProcessNotifyRoutine(Ex): called at creation and exit.
  var processNotifyRoutines: [(EProcess, Bool) -> Void] = []
  /// Routines registered with PsSetCreateThreadNotifyRoutine.
  var threadNotifyRoutines: [(EThread, Bool) -> Void] = []
  var cid = CidTable()
  var eventListeners: [(id: Int, kind: String, listener: (KernelEvent) -> Int64)] = []
  var nextListenerId = 0
  /// The SYSTEM token objects are created with before the System process exists.
  var bootToken: Token?
  /// The event idle boot threads wait on forever (never signaled).
  let idleEvent = KEvent(notification: true, signaled: false)
  var nextTokenId: UInt64 = 0x1_0000
  var nextDriverBase: UInt64 = 0
  var userProgramCatalog: [String: (EThread, [String]) async throws -> UInt32] = [:]

  /// `\GLOBAL??`.
  public internal(set) var globalDosDevices: KObject?
  /// `\BaseNamedObjects`, the global (session 0) named-object directory.
  public internal(set) var globalNamedObjects: KObject?

  /// A loaded module: name, base, size.
  public struct Module: Sendable, Equatable {
    /// Module name (`nt`, `KObjects`).
    public let name: String
    /// Image file (`ntkrnlmp.exe`).
    public let imageName: String
    /// Load address.
    public let base: UInt64
    /// Size.
    public let size: UInt64
  }

  /// A terminal-services session.
  public struct SessionInfo {
    /// The id.
    public let id: UInt32
    /// `Services`, `Console`.
    public let name: String
    /// The session object `\KernelObjects\SessionN`.
    public let object: KObject?
    /// `\Sessions\N\BaseNamedObjects` (or `\BaseNamedObjects` for session 0).
    public let namedObjects: KObject
    /// The user logged on (nil for session 0).
    public let userName: String?
  }

  init(configuration: BootConfiguration) {
    self.configuration = configuration
    layout = AddressLayout(seed: configuration.seed)
    pool = Pool(memory: memory, layout: layout)
    nextDriverBase = layout.driverBase
    dispatcher = Dispatcher(kernel: self)
    ob = ObjectManager(kernel: self)
    symbols = KernelSymbols(kernel: self)
  }

  /// The previous mode of the running call: the current thread's, or KernelMode at boot.
  public var previousMode: KProcessorMode { currentThread?.previousMode ?? .kernelMode }

  /// The process of the current thread (the System process when none runs).
  public var currentProcess: EProcess { currentThread?.process ?? systemProcess }

  /// Runs `body` as `thread` in `mode` (a system call entry or a driver routine), restoring the
  /// previous caller afterwards.
  public func withCaller<T>(_ thread: EThread, mode: KProcessorMode, _ body: () -> T) -> T {
    let savedThread = currentThread
    let savedMode = thread.previousMode
    currentThread = thread
    thread.previousMode = mode
    defer {
      thread.previousMode = savedMode
      currentThread = savedThread
    }
    return body()
  }

  /// Enters a blocking system call as `thread` in user mode. Waits suspend, so the caller cannot be
  /// restored around them as ``withCaller(_:mode:_:)`` does; every entry sets it afresh instead.
  public func enterUserCall(_ thread: EThread) {
    currentThread = thread
    thread.previousMode = .userMode
  }

  /// A process by id.
  public func process(pid: UInt32) -> EProcess? { processes.first { $0.pid == pid } }

  /// A thread by id.
  public func thread(tid: UInt32) -> EThread? {
    for p in processes { if let t = p.threads.first(where: { $0.tid == tid }) { return t } }
    return nil
  }

  /// Stops the machine with a bugcheck (KeBugCheckEx). The first one wins.
  public func bugCheck(_ code: BugCheck.Code, _ p1: UInt64, _ p2: UInt64, _ p3: UInt64, _ p4: UInt64) {
    guard bugCheckInfo == nil else { return }
    bugCheckInfo = BugCheck(code: code, parameters: [p1, p2, p3, p4])
  }

  /// Allocates an address range in the driver area for an image.
  func allocateImage(size: UInt64) -> UInt64 {
    let base = nextDriverBase
    nextDriverBase &+= (size + 0xFFFF) & ~0xFFFF
    return base
  }
}

/// A bugcheck: the stop code and its four parameters.
public struct BugCheck: Sendable, Equatable, CustomStringConvertible {
  /// Stop codes ntsh can raise.
  public enum Code: UInt32, Sendable {
    /// IRQL_NOT_LESS_OR_EQUAL.
    case irqlNotLessOrEqual = 0x0A
    /// REFERENCE_BY_POINTER.
    case referenceByPointer = 0x18
    /// PAGE_FAULT_IN_NONPAGED_AREA.
    case pageFaultInNonPagedArea = 0x50
    /// KMODE_EXCEPTION_NOT_HANDLED.
    case kmodeExceptionNotHandled = 0x1E
    /// BAD_POOL_CALLER.
    case badPoolCaller = 0xC2
    /// CRITICAL_PROCESS_DIED: parameter 1 the process object, 2 zero (a process, not a thread).
    case criticalProcessDied = 0xEF
    /// POSSIBLE_DEADLOCK (driver verifier's view of a recursive fast mutex).
    case possibleDeadlock = 0x1F1

    /// The stop code's name.
    public var name: String {
      switch self {
      case .irqlNotLessOrEqual: return "IRQL_NOT_LESS_OR_EQUAL"
      case .referenceByPointer: return "REFERENCE_BY_POINTER"
      case .pageFaultInNonPagedArea: return "PAGE_FAULT_IN_NONPAGED_AREA"
      case .possibleDeadlock: return "POSSIBLE_DEADLOCK"
      case .kmodeExceptionNotHandled: return "KMODE_EXCEPTION_NOT_HANDLED"
      case .badPoolCaller: return "BAD_POOL_CALLER"
      case .criticalProcessDied: return "CRITICAL_PROCESS_DIED"
      }
    }
  }

  /// The stop code.
  public let code: Code
  /// The four parameters.
  public let parameters: [UInt64]

  /// `*** STOP: 0x00000018 (0x…,0x…,0x…,0x…) REFERENCE_BY_POINTER`.
  public var description: String {
    let p = parameters.map { "0x" + KdFormat.pad($0, 16) }.joined(separator: ",")
    return "*** STOP: 0x" + KdFormat.pad(UInt64(code.rawValue), 8) + " (\(p)) \(code.name)"
  }
}

/// Process and thread ids: one table, ids are multiples of 4. Unlike Windows, ids are not reused
/// (a new process never takes the id a dead one had), so transcripts stay unambiguous.
struct CidTable {
  private var next: UInt32 = 4

  mutating func allocate() -> UInt32 {
    defer { next &+= 4 }
    return next
  }

  mutating func release(_ id: UInt32) {}
}

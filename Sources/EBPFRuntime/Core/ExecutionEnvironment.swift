/// Who a program runs for: the process and thread whose operation raised the hook event (or that
/// asked for a test run). The global helpers read it (`bpf_get_current_pid_tgid`, the logon id,
/// the start key, the thread's creation time).
public struct CallerIdentity: Sendable, Hashable {
  /// Process id.
  public var processID: UInt32
  /// Thread id.
  public var threadID: UInt32
  /// The token's authentication id (logon session LUID).
  public var logonID: UInt64
  /// True when the token is a member of Administrators (sock_addr's is-admin helper reads it).
  public var isAdministrator: Bool
  /// A value unique to this process start since boot (`bpf_get_current_process_start_key`).
  public var processStartKey: UInt64
  /// The thread's creation time, 100 ns units of system time.
  public var threadCreateTime: Int64

  /// Creates an identity.
  public init(
    processID: UInt32, threadID: UInt32, logonID: UInt64, isAdministrator: Bool,
    processStartKey: UInt64, threadCreateTime: Int64
  ) {
    self.processID = processID
    self.threadID = threadID
    self.logonID = logonID
    self.isAdministrator = isAdministrator
    self.processStartKey = processStartKey
    self.threadCreateTime = threadCreateTime
  }

  /// The System process (pid 4), for runs with no caller.
  public static let system = CallerIdentity(
    processID: 4, threadID: 8, logonID: 0x3e7, isAdministrator: true,
    processStartKey: 1 << 48 | 4, threadCreateTime: 0)
}

/// What the runtime reads from the machine it runs in: the virtual clock and a seed.
public struct MachineClock {
  /// 100 ns units since boot (interrupt time; the clock does not count suspend, so the boot and
  /// monotonic clocks agree).
  public var interruptTime: () -> Int64
  /// 100 ns units since 1601 (system time).
  public var systemTime: () -> Int64

  /// Creates a clock.
  public init(interruptTime: @escaping () -> Int64, systemTime: @escaping () -> Int64) {
    self.interruptTime = interruptTime
    self.systemTime = systemTime
  }

  /// A clock standing at boot (tests and tools without a machine).
  public static var stopped: MachineClock {
    MachineClock(interruptTime: { 0 }, systemTime: { 133_697_412_000_000_000 })
  }
}

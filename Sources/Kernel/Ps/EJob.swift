/// A job (the body of Job objects): the processes assigned to it.
///
/// As in Windows, a process assigned to a job holds a reference on the job (so a job whose last
/// handle closed lives on while a member process exists, without its name); the job's process
/// list links its members without references of its own.
public final class EJob {
  /// Member processes, in assignment order; removed when a member process object is deleted.
  public internal(set) var processes: [EProcess] = []
  /// Processes ever assigned (JOBOBJECT_BASIC_ACCOUNTING_INFORMATION.TotalProcesses).
  public internal(set) var totalProcesses = 0
  /// Processes terminated by the job (TerminateJobObject).
  public internal(set) var terminatedProcesses = 0
  /// The job's event (`_EJOB.Event`), signaled when the job is terminated or its last active
  /// process ends, reset when a process is assigned.
  public let event = KEvent(notification: true, signaled: false)

  init() {}

  /// Members that are still running.
  public var activeProcesses: [EProcess] { processes.filter(\.isAlive) }
}

extension EJob: WaitableBody {
  /// The job's event.
  public var dispatcherObject: DispatcherObject { event }
}

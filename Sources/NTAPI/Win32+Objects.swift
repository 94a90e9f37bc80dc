import Kernel
import NTCore

/// Events, mutexes, semaphores, jobs, handles.
extension Win32 {
  /// CreateEventW.
  public func CreateEvent(_ sa: SecurityAttributes?, _ manualReset: Bool, _ initialState: Bool, _ name: String?) -> Handle? {
    switch objectAttributes(name, sa, create: true) {
    case .failure(let s): return created(s, .null)
    case .success(let attrs):
      var h = Handle.null
      let s = nt.call { $0.NtCreateEvent(&h, AccessMask(0x1F_0003), attrs, notification: manualReset, initialState: initialState) }
      return created(s, h)
    }
  }

  /// OpenEventW.
  public func OpenEvent(_ access: AccessMask, _ inherit: Bool, _ name: String?) -> Handle? {
    open(name, inherit) { attrs, h in nt.call { $0.NtOpenEvent(&h, access, attrs) } }
  }

  /// SetEvent.
  public func SetEvent(_ h: Handle) -> Bool {
    var previous: Int32 = 0
    return bool(nt.call { $0.NtSetEvent(h, &previous) })
  }

  /// ResetEvent.
  public func ResetEvent(_ h: Handle) -> Bool {
    var previous: Int32 = 0
    return bool(nt.call { $0.NtResetEvent(h, &previous) })
  }

  /// PulseEvent.
  public func PulseEvent(_ h: Handle) -> Bool {
    var previous: Int32 = 0
    return bool(nt.call { $0.NtPulseEvent(h, &previous) })
  }

  /// CreateMutexW.
  public func CreateMutex(_ sa: SecurityAttributes?, _ initialOwner: Bool, _ name: String?) -> Handle? {
    switch objectAttributes(name, sa, create: true) {
    case .failure(let s): return created(s, .null)
    case .success(let attrs):
      var h = Handle.null
      let s = nt.call { $0.NtCreateMutant(&h, AccessMask(0x1F_0001), attrs, initialOwner: initialOwner) }
      return created(s, h)
    }
  }

  /// OpenMutexW.
  public func OpenMutex(_ access: AccessMask, _ inherit: Bool, _ name: String?) -> Handle? {
    open(name, inherit) { attrs, h in nt.call { $0.NtOpenMutant(&h, access, attrs) } }
  }

  /// ReleaseMutex.
  public func ReleaseMutex(_ h: Handle) -> Bool {
    var previous: Int32 = 0
    return bool(nt.call { $0.NtReleaseMutant(h, &previous) })
  }

  /// CreateSemaphoreW.
  public func CreateSemaphore(_ sa: SecurityAttributes?, _ initialCount: Int32, _ maximumCount: Int32, _ name: String?) -> Handle? {
    switch objectAttributes(name, sa, create: true) {
    case .failure(let s): return created(s, .null)
    case .success(let attrs):
      var h = Handle.null
      let s = nt.call {
        $0.NtCreateSemaphore(&h, AccessMask(0x1F_0003), attrs, initialCount: initialCount, maximumCount: maximumCount)
      }
      return created(s, h)
    }
  }

  /// OpenSemaphoreW.
  public func OpenSemaphore(_ access: AccessMask, _ inherit: Bool, _ name: String?) -> Handle? {
    open(name, inherit) { attrs, h in nt.call { $0.NtOpenSemaphore(&h, access, attrs) } }
  }

  /// ReleaseSemaphore.
  public func ReleaseSemaphore(_ h: Handle, _ releaseCount: Int32, _ previousCount: inout Int32) -> Bool {
    bool(nt.call { $0.NtReleaseSemaphore(h, releaseCount, &previousCount) })
  }

  /// CreateJobObjectW.
  public func CreateJobObject(_ sa: SecurityAttributes?, _ name: String?) -> Handle? {
    switch objectAttributes(name, sa, create: true) {
    case .failure(let s): return created(s, .null)
    case .success(let attrs):
      var h = Handle.null
      let s = nt.call { $0.NtCreateJobObject(&h, AccessMask(0x1F_003F), attrs) }
      return created(s, h)
    }
  }

  /// OpenJobObjectW.
  public func OpenJobObject(_ access: AccessMask, _ inherit: Bool, _ name: String?) -> Handle? {
    open(name, inherit) { attrs, h in nt.call { $0.NtOpenJobObject(&h, access, attrs) } }
  }

  /// AssignProcessToJobObject.
  public func AssignProcessToJobObject(_ job: Handle, _ process: Handle) -> Bool {
    bool(nt.call { $0.NtAssignProcessToJobObject(job, process) })
  }

  /// TerminateJobObject.
  public func TerminateJobObject(_ job: Handle, _ exitCode: UInt32) -> Bool {
    bool(nt.call { $0.NtTerminateJobObject(job, exitCode) })
  }

  /// CloseHandle.
  public func CloseHandle(_ h: Handle) -> Bool { bool(nt.call { $0.NtClose(h) }) }

  /// DuplicateHandle.
  public func DuplicateHandle(
    _ sourceProcess: Handle, _ source: Handle, _ targetProcess: Handle, _ target: inout Handle, _ access: AccessMask,
    _ inherit: Bool, _ options: UInt32
  ) -> Bool {
    bool(nt.call { $0.NtDuplicateObject(sourceProcess, source, targetProcess, &target, access, inherit ? .inherit : [], options) })
  }

  /// SetHandleInformation: HANDLE_FLAG_INHERIT (1) and HANDLE_FLAG_PROTECT_FROM_CLOSE (2).
  public func SetHandleInformation(_ h: Handle, inherit: Bool, protectFromClose: Bool) -> Bool {
    bool(nt.call { $0.NtSetHandleFlags(h, inherit: inherit, protectFromClose: protectFromClose) })
  }

  private func open(_ name: String?, _ inherit: Bool, _ body: (ObjectAttributes?, inout Handle) -> NTStatus) -> Handle? {
    guard let name, !name.isEmpty else {
      fail(.invalidParameter)
      return nil
    }
    switch objectAttributes(name, SecurityAttributes(inheritHandle: inherit), create: false) {
    case .failure(let s): return opened(s, .null)
    case .success(let attrs):
      var h = Handle.null
      let s = body(attrs, &h)
      return opened(s, h)
    }
  }
}

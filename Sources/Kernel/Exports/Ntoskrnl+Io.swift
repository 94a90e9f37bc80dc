import NTCore

/// I/O exports.
extension Ntoskrnl {
  /// IoCreateDevice: a device object (named devices appear under their path, e.g. `\Device\KDataStack`).
  public func IoCreateDevice(
    _ driver: DriverObject, _ deviceExtension: AnyObject?, _ deviceName: String?, _ deviceType: UInt32,
    _ characteristics: UInt32, _ exclusive: Bool, _ device: inout DeviceObject?
  ) -> NTStatus {
    switch kernel.createDevice(driver, name: deviceName, deviceType: deviceType, characteristics: characteristics, exclusive: exclusive) {
    case .failure(let s): return s
    case .success(let d):
      d.deviceExtension = deviceExtension
      device = d
      return .success
    }
  }

  /// IoCreateDeviceSecure: IoCreateDevice with the device's security given as SDDL.
  public func IoCreateDeviceSecure(
    _ driver: DriverObject, _ deviceExtension: AnyObject?, _ deviceName: String?, _ deviceType: UInt32,
    _ characteristics: UInt32, _ exclusive: Bool, _ sddl: String, _ device: inout DeviceObject?
  ) -> NTStatus {
    guard let sd = try? SDDL.parse(sddl) else { return .invalidParameter }
    let s = IoCreateDevice(driver, deviceExtension, deviceName, deviceType, characteristics, exclusive, &device)
    if s.isSuccess, let o = device?.object { ob.setSecurity(o, sd) }
    return s
  }

  /// IoDeleteDevice.
  public func IoDeleteDevice(_ device: DeviceObject) { kernel.deleteDevice(device) }

  /// IoCreateSymbolicLink (`\??\Name` → `\Device\Name`).
  public func IoCreateSymbolicLink(_ symbolicLinkName: String, _ deviceName: String) -> NTStatus {
    kernel.createSymbolicLink(symbolicLinkName, target: deviceName)
  }

  /// IoDeleteSymbolicLink.
  public func IoDeleteSymbolicLink(_ symbolicLinkName: String) -> NTStatus { kernel.deleteSymbolicLink(symbolicLinkName) }

  /// IoCompleteRequest: records the final status (the dispatch routine also returns it).
  public func IoCompleteRequest(_ irp: IRP, _ status: NTStatus, information: UInt64 = 0) {
    irp.status = status
    irp.information = information
  }

  /// IoIs32bitProcess: true when the request comes from a WOW64 process.
  public func IoIs32bitProcess(_ irp: IRP) -> Bool { irp.thread?.process.isWow64 ?? false }
}

/// Process and thread exports.
extension Ntoskrnl {
  /// PsGetCurrentProcess.
  public func PsGetCurrentProcess() -> EProcess { kernel.currentProcess }

  /// PsGetCurrentThread.
  public func PsGetCurrentThread() -> EThread? { kernel.currentThread }

  /// PsGetCurrentProcessId.
  public func PsGetCurrentProcessId() -> UInt32 { kernel.currentProcess.pid }

  /// PsGetCurrentThreadId.
  public func PsGetCurrentThreadId() -> UInt32 { kernel.currentThread?.tid ?? 0 }

  /// PsLookupProcessByProcessId: the process, referenced (STATUS_INVALID_CID when there is none).
  public func PsLookupProcessByProcessId(_ pid: UInt32, _ process: inout EProcess?) -> NTStatus {
    guard let p = kernel.process(pid: pid), p.isAlive, let o = p.object else { return .invalidCID }
    ob.reference(o)
    process = p
    return .success
  }

  /// PsLookupThreadByThreadId: the thread, referenced.
  public func PsLookupThreadByThreadId(_ tid: UInt32, _ thread: inout EThread?) -> NTStatus {
    guard let t = kernel.thread(tid: tid), t.isAlive, let o = t.object else { return .invalidCID }
    ob.reference(o)
    thread = t
    return .success
  }

  /// ObDereferenceObject for a process pointer from PsLookupProcessByProcessId.
  public func ObDereferenceObject(_ process: EProcess) { if let o = process.object { ob.dereference(o) } }

  /// ObDereferenceObject for a thread pointer from PsLookupThreadByThreadId.
  public func ObDereferenceObject(_ thread: EThread) { if let o = thread.object { ob.dereference(o) } }

  /// PsGetProcessImageFileName.
  public func PsGetProcessImageFileName(_ process: EProcess) -> String { String(process.imageName.prefix(14)) }

  /// PsGetProcessSessionId.
  public func PsGetProcessSessionId(_ process: EProcess) -> UInt32 { process.sessionId ?? 0 }

  /// PsSetCreateProcessNotifyRoutineEx: called with (process, created) at creation and exit.
  public func PsSetCreateProcessNotifyRoutine(_ routine: @escaping (EProcess, Bool) -> Void) -> NTStatus {
    kernel.processNotifyRoutines.append(routine)
    return .success
  }

  /// PsSetCreateThreadNotifyRoutine.
  public func PsSetCreateThreadNotifyRoutine(_ routine: @escaping (EThread, Bool) -> Void) -> NTStatus {
    kernel.threadNotifyRoutines.append(routine)
    return .success
  }
}

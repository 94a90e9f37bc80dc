import Kernel
import NTCore

/// Devices.
extension Win32 {
  /// CreateFileW for a device: `\\.\Name` means `\??\Name` (through `\GLOBAL??`); a full NT path
  /// (`\Device\X`) is opened as given, as NtOpenFile does.
  public func CreateFile(_ path: String, _ access: AccessMask) -> Handle? {
    var name = path
    if name.hasPrefix("\\\\.\\") { name = "\\??\\" + name.dropFirst(4) }
    var h = Handle.null
    return opened(nt.call { $0.NtOpenFile(&h, access, ObjectAttributes(name, attributes: .caseInsensitive)) }, h)
  }

  /// DeviceIoControl (METHOD_BUFFERED): the output bytes, or nil with the last error set.
  public func DeviceIoControl(_ device: Handle, _ code: UInt32, _ input: [UInt8], _ outputSize: Int) -> [UInt8]? {
    var output: [UInt8] = []
    var information: UInt64 = 0
    let s = nt.call { $0.NtDeviceIoControlFile(device, code, input, outputSize, &output, &information) }
    guard s.isSuccess else {
      fail(s)
      return nil
    }
    succeed(s)
    return output
  }
}

/// Kernel events.
extension Win32 {
  /// Raises a kernel event from this thread (what a socket call's kernel half would do for the
  /// hook providers); returns the listeners' verdicts, empty when nobody listens.
  public func RaiseKernelEvent(_ kind: String, fields: [String: UInt64] = [:], payload: [UInt8] = []) -> [Int64] {
    kernel.raise(KernelEvent(kind: kind, process: process, thread: thread, fields: fields, payload: payload))
  }
}

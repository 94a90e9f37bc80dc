import Drivers
import Kernel
import NTCore

/// DataStack.dll as loaded in one process: the handle to `\Device\KDataStack` that
/// `DllMain(DLL_PROCESS_ATTACH)` opened (`g_hDevice`) and the session directory handle
/// `GetUserDirectoryRoot` caches.
///
/// The seed's DLL is linked statically, so the loader runs its DllMain before `main`; here a program
/// calls ``load(_:)`` first (``Win32/LoadDataStackLibrary()``), and the functions load it on first
/// use otherwise. The attach fails — so the DLL does not load — in a 32-bit (WOW64) process, and when
/// the device cannot be opened (the driver is not loaded). The handles close with the process.
public final class DataStackLibrary {
  /// The DLL's name.
  public static let name = "DataStack.dll"

  /// g_hDevice.
  public let device: Handle
  /// The cached `\Sessions\N\BaseNamedObjects` handle (nil until the first named call).
  public private(set) var directory: Handle?

  /// The argument blocks push and pop rewrite for every request, as C code reuses its stack frame:
  /// the input structure and the memory behind its pointer members.
  var pushInput: [UInt8] = []
  var popInput: [UInt8] = []
  let memory: DataStackUserMemory
  let memoryArgument: [AnyObject]

  init(device: Handle) {
    self.device = device
    memory = DataStackUserMemory()
    memoryArgument = [memory]
  }

  /// The process's instance, attaching it if needed: the device handle, or why DllMain returned
  /// FALSE (STATUS_NOT_IMPLEMENTED for a WOW64 process, or NtOpenFile's status).
  public static func load(_ nt: Ntdll) -> Result<DataStackLibrary, NTStatus> {
    if let lib = nt.dataStackLibrary { return .success(lib) }
    if let lib = nt.process.extensions[name] as? DataStackLibrary {
      nt.dataStackLibrary = lib
      return .success(lib)
    }
    // DllMain(DLL_PROCESS_ATTACH): refuse WOW64 processes, then OpenDevice.
    if nt.process.isWow64 { return .failure(.notImplemented) }
    var device = Handle.null
    let s = nt.call {
      $0.NtOpenFile(&device, AccessMask(0x8000_0000 | 0x4000_0000), ObjectAttributes(DataStackProtocol.deviceName))
    }
    guard s.isSuccess else { return .failure(s) }
    let lib = DataStackLibrary(device: device)
    nt.process.extensions[name] = lib
    nt.dataStackLibrary = lib
    return .success(lib)
  }

  /// GetUserDirectoryRoot: the session's named-object directory, opened once with DIRECTORY_QUERY
  /// (`\BaseNamedObjects` in session 0); nil if it cannot be opened (the next call tries again).
  func userDirectoryRoot(_ nt: Ntdll) -> Handle? {
    if let directory { return directory }
    let session = nt.process.sessionId ?? 0
    let path = session == 0 ? "\\BaseNamedObjects" : "\\Sessions\\\(session)\\BaseNamedObjects"
    var h = Handle.null
    let s = nt.call { $0.NtOpenDirectoryObject(&h, AccessMask(0x1), ObjectAttributes(path, attributes: .caseInsensitive)) }
    guard s.isSuccess else { return nil }
    directory = h
    return h
  }
}

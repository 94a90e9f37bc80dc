import Drivers
import Kernel
import NTCore

/// DataStack.dll's native API (the seed's `NativeDataStackAPI.cpp`): no system calls exist for
/// DataStacks, so each function packs its arguments into the IOCTL's input structure and sends it
/// to `\Device\KDataStack` with NtDeviceIoControlFile; the driver runs the kernel half in the
/// caller's context. The memory the structure's pointers point at travels with the request.
///
/// If the DLL cannot attach in the process (a WOW64 process, or the driver is not loaded) every
/// function fails with STATUS_DLL_INIT_FAILED, as a program importing it could not have started.
extension Ntdll {
  /// The process's DataStack.dll, attached on first use; nil when it cannot attach.
  private var library: DataStackLibrary? {
    if let lib = dataStackLibrary { return lib }
    if case .success(let lib) = DataStackLibrary.load(self) { return lib }
    return nil
  }

  private func deviceControl(
    _ code: DataStackProtocol.Ioctl, _ input: [UInt8], outputLength: Int = 0, _ memory: DataStackUserMemory,
    _ output: inout [UInt8]
  ) -> NTStatus {
    guard let lib = library else { return .dllInitFailed }
    var information: UInt64 = 0
    return call {
      $0.NtDeviceIoControlFile(lib.device, code.rawValue, input, outputLength, &output, &information, userArguments: [memory])
    }
  }

  private func handleResult(_ s: NTStatus, _ output: [UInt8], _ handle: inout Handle) -> NTStatus {
    if s.isSuccess { handle = Handle(DataStackProtocol.u64(output, at: 0)) }
    return s
  }

  /// NtCreateDataStack: IOCTL_DATASTACK_CREATE; the handle comes back in the output buffer.
  public func NtCreateDataStack(
    _ handle: inout Handle, _ attributes: ObjectAttributes?, _ maxItemSize: UInt32, _ maxItemCount: UInt32,
    _ maxSize: UInt64
  ) -> NTStatus {
    let input = DataStackProtocol.createInput(
      attributes: attributes != nil, maxItemSize: maxItemSize, maxItemCount: maxItemCount, maxSize: maxSize)
    var output: [UInt8] = []
    let s = deviceControl(.create, input, outputLength: 8, DataStackUserMemory(objectAttributes: attributes), &output)
    return handleResult(s, output, &handle)
  }

  /// NtOpenDataStack: IOCTL_DATASTACK_OPEN.
  public func NtOpenDataStack(_ handle: inout Handle, _ desiredAccess: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    let input = DataStackProtocol.openInput(desiredAccess: desiredAccess, attributes: attributes != nil)
    var output: [UInt8] = []
    let s = deviceControl(.open, input, outputLength: 8, DataStackUserMemory(objectAttributes: attributes), &output)
    return handleResult(s, output, &handle)
  }

  /// NtPushDataStack: IOCTL_DATASTACK_PUSH.
  public func NtPushDataStack(_ handle: Handle, _ item: UserBuffer?, _ itemSize: UInt32) -> NTStatus {
    guard let lib = library else { return .dllInitFailed }
    DataStackProtocol.encodePush(&lib.pushInput, handle: handle, buffer: item != nil, size: itemSize)
    lib.memory.buffer = item
    return send(lib, .push, lib.pushInput)
  }

  /// NtPopDataStack: IOCTL_DATASTACK_POP; `bufferSize` holds the buffer's size in and the item's out.
  public func NtPopDataStack(_ handle: Handle, _ buffer: UserBuffer?, _ bufferSize: UserULong?) -> NTStatus {
    guard let lib = library else { return .dllInitFailed }
    DataStackProtocol.encodePop(&lib.popInput, handle: handle, buffer: buffer != nil, size: bufferSize != nil)
    lib.memory.buffer = buffer
    lib.memory.ulong = bufferSize
    return send(lib, .pop, lib.popInput)
  }

  /// A request without output.
  private func send(_ lib: DataStackLibrary, _ code: DataStackProtocol.Ioctl, _ input: [UInt8]) -> NTStatus {
    var output: [UInt8] = []
    var information: UInt64 = 0
    let memory = lib.memoryArgument
    return call {
      $0.NtDeviceIoControlFile(lib.device, code.rawValue, input, 0, &output, &information, userArguments: memory)
    }
  }

  /// NtClearDataStack: IOCTL_DATASTACK_CLEAR.
  public func NtClearDataStack(_ handle: Handle) -> NTStatus {
    var output: [UInt8] = []
    return deviceControl(.clear, DataStackProtocol.clearInput(handle: handle), DataStackUserMemory(), &output)
  }

  /// NtQueryInformationDataStack: IOCTL_DATASTACK_QUERY. The class is a raw number so that unknown
  /// classes reach the driver (STATUS_INVALID_INFO_CLASS).
  public func NtQueryInformationDataStack(
    _ handle: Handle, _ informationClass: UInt32, _ buffer: UserBuffer?, _ bufferSize: UInt32, _ returnLength: UserULong?
  ) -> NTStatus {
    var output: [UInt8] = []
    let input = DataStackProtocol.queryInput(
      handle: handle, informationClass: informationClass, buffer: buffer != nil, bufferSize: bufferSize,
      returnLength: returnLength != nil)
    return deviceControl(.query, input, DataStackUserMemory(buffer: buffer, ulong: returnLength), &output)
  }
}

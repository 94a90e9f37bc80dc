import Drivers
import Kernel
import NTCore

/// A machine with KObjects.sys started, and a process that talks to `\Device\KDataStack` the way
/// DataStack.dll does — input structures, user memory — without the DLL, so the tests see exactly
/// what reaches the driver.
final class DriverHarness {
  let machine: Machine
  let kernel: Kernel
  let process: EProcess
  let thread: EThread
  let device: Handle

  init(variant: DataStackDriver.Variant? = nil, wow64: Bool = false) {
    var options: [String: String] = [:]
    if let variant { options[DataStackDriver.bootOption] = variant.rawValue }
    machine = Machine(configuration: BootConfiguration(options: options), drivers: [DataStackDriver.image])
    machine.install(DataStackDriver.service)
    guard machine.startService(DataStackDriver.name).isSuccess else { fatalError("KObjects did not start") }
    kernel = machine.kernel
    guard let shell = kernel.shellProcess else { fatalError("no ntsh.exe") }
    if wow64 {
      guard case .success(let p) = kernel.createProcess(
        image: "DSTest32.exe", parent: shell, sessionId: shell.sessionId, wow64: true)
      else { fatalError("no WOW64 process") }
      process = p
    } else {
      process = shell
    }
    guard case .success(let t) = kernel.actingThread(in: process) else { fatalError("no thread") }
    thread = t
    var h = Handle.null
    let k = kernel
    let s = k.withCaller(t, mode: .userMode) {
      k.services.NtOpenFile(&h, AccessMask(0xC000_0000), ObjectAttributes(DataStackProtocol.deviceName))
    }
    guard s.isSuccess else { fatalError("cannot open the device: \(s)") }
    device = h
  }

  /// The driver's globals.
  var state: DataStackDriver.State? { kernel.drivers[DataStackDriver.name]?.context as? DataStackDriver.State }

  /// The DataStack type.
  var type: ObjectType? { kernel.ob.type(named: "DataStack") }

  /// Outstanding `Dstk` blocks.
  var outstandingItems: Int { kernel.pool.usage(of: DataStackProtocol.tag, paged: true).diff }

  /// Sends an IOCTL from the process in user mode: status and output bytes.
  func ioctl(_ code: UInt32, _ input: [UInt8], output: Int = 0, _ memory: DataStackUserMemory? = nil) -> (NTStatus, [UInt8]) {
    var out: [UInt8] = []
    var information: UInt64 = 0
    let s = kernel.withCaller(thread, mode: .userMode) {
      kernel.services.NtDeviceIoControlFile(
        device, code, input, output, &out, &information, userArguments: memory.map { [$0] } ?? [])
    }
    return (s, out)
  }

  /// NtCreateDataStack through the device.
  func create(_ name: String? = nil, maxItemSize: UInt32 = 0, maxItemCount: UInt32 = 0, maxSize: UInt64 = 0,
              attributes extra: ObjectAttributeFlags = [.openIf, .caseInsensitive]) -> (NTStatus, Handle) {
    let attrs = ObjectAttributes(name, attributes: name == nil ? [] : extra, root: name == nil ? nil : process.namedObjectDirectory)
    let input = DataStackProtocol.createInput(attributes: true, maxItemSize: maxItemSize, maxItemCount: maxItemCount, maxSize: maxSize)
    let (s, out) = ioctl(DataStackProtocol.Ioctl.create.rawValue, input, output: 8, DataStackUserMemory(objectAttributes: attrs))
    return (s, s.isSuccess ? Handle(LE.read(out, at: 0, count: 8)) : .null)
  }

  /// NtPushDataStack.
  func push(_ h: Handle, _ bytes: [UInt8]?, size: UInt32? = nil) -> NTStatus {
    let input = DataStackProtocol.pushInput(handle: h, buffer: bytes != nil, size: size ?? UInt32(bytes?.count ?? 0))
    return ioctl(DataStackProtocol.Ioctl.push.rawValue, input, DataStackUserMemory(buffer: bytes.map { UserBuffer($0) })).0
  }

  /// NtPopDataStack into a buffer of `capacity` bytes: status, the size written back, the bytes.
  func pop(_ h: Handle, capacity: Int = 64) -> (NTStatus, UInt32, [UInt8]) {
    let buffer = UserBuffer(count: capacity)
    let size = UserULong(UInt32(capacity))
    let input = DataStackProtocol.popInput(handle: h, buffer: true, size: true)
    let s = ioctl(DataStackProtocol.Ioctl.pop.rawValue, input, DataStackUserMemory(buffer: buffer, ulong: size)).0
    return (s, size.value, Array(buffer.bytes.prefix(Int(size.value))))
  }

  /// NtClearDataStack.
  func clear(_ h: Handle) -> NTStatus {
    ioctl(DataStackProtocol.Ioctl.clear.rawValue, DataStackProtocol.clearInput(handle: h)).0
  }

  /// NtQueryInformationDataStack.
  func query(_ h: Handle, _ c: UInt32, buffer: UserBuffer?, size: UInt32, returnLength: UserULong?) -> NTStatus {
    let input = DataStackProtocol.queryInput(
      handle: h, informationClass: c, buffer: buffer != nil, bufferSize: size, returnLength: returnLength != nil)
    return ioctl(DataStackProtocol.Ioctl.query.rawValue, input, DataStackUserMemory(buffer: buffer, ulong: returnLength)).0
  }

  /// NtClose in the process.
  func close(_ h: Handle) -> NTStatus { kernel.withCaller(thread, mode: .userMode) { kernel.services.NtClose(h) } }

  /// The object behind a handle of the process.
  func object(_ h: Handle) -> KObject? { process.handleTable.entry(h)?.object }
}

import Drivers
import Kernel
import NTCore

@testable import NTAPI

/// A machine with KObjects.sys installed and started (the variant from the `datastack` boot option),
/// and ntsh.exe's Win32 API.
func dataStackShell(variant: String? = nil, seed: UInt64 = 0) -> (Machine, Win32) {
  var options: [String: String] = [:]
  if let variant { options[DataStackDriver.bootOption] = variant }
  let m = Machine(configuration: BootConfiguration(seed: seed, options: options), drivers: [DataStackDriver.image])
  m.install(DataStackDriver.service)
  let s = m.startService(DataStackDriver.name)
  guard s.isSuccess, let p = m.kernel.shellProcess, case .success(let t) = m.kernel.actingThread(in: p) else {
    fatalError("KObjects did not start: \(s)")
  }
  return (m, Win32(kernel: m.kernel, thread: t))
}

/// Four bytes of an int, as `&i, sizeof(i)` pushes them.
func intBuffer(_ v: Int32) -> UserBuffer { UserBuffer(LE.bytes(UInt64(UInt32(bitPattern: v)), count: 4)) }

extension Win32 {
  /// Pops into a fresh buffer of `capacity` bytes: the bytes, or nil with the last error set.
  func pop(_ h: Handle, capacity: Int = 256) -> [UInt8]? {
    let buffer = UserBuffer(count: capacity)
    let size = UserULong(UInt32(capacity))
    guard PopDataStack(h, buffer, size) else { return nil }
    return Array(buffer.bytes.prefix(Int(size.value)))
  }
}

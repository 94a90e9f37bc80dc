#if canImport(Glibc)
  import Glibc
#endif
import Drivers
import Kernel
import NTAPI
import NTCore

/// DataStack push and pop as DSTest makes them: PushDataStack / PopDataStack (Win32, last error)
/// → NtPushDataStack / NtPopDataStack (DataStack.dll) → NtDeviceIoControlFile → KObjects.sys's
/// dispatch → ObReferenceObjectByHandle, a `Dstk` pool block per item, the fast mutex and the event.
/// Prints pairs per second; never asserts a timing.
enum DataStackBenchmarks {
  /// CPU time of this process in nanoseconds.
  static func cpuTime() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  static func run(_ arguments: [String]) -> Int32 {
    let pairs = Bench.option("--pairs", in: arguments).flatMap { Int($0) } ?? 2_000_000
    guard pairs > 0 else { return Bench.usage("datastack [--pairs N]: N is a positive count") }
    let machine = Machine(drivers: [DataStackDriver.image])
    machine.install(DataStackDriver.service)
    let started = machine.startService(DataStackDriver.name)
    let k = machine.kernel
    guard started.isSuccess, let p = k.shellProcess, case .success(let t) = k.actingThread(in: p) else {
      print("datastack benchmark: KObjects.sys did not start (\(started))")
      return 1
    }
    let api = Win32(kernel: k, thread: t)
    guard let h = api.CreateDataStack(nil, 0, 0, 0, "BenchStack") else {
      print("datastack benchmark: CreateDataStack failed (\(api.lastError))")
      return 1
    }
    let item = UserBuffer([1, 2, 3, 4])
    let buffer = UserBuffer(count: 256)
    let size = UserULong()
    var failures = 0
    var checksum: UInt64 = 0

    // Per second of wall time, and per second of this process's CPU time (the figure that does
    // not depend on what else the machine is running).
    func measure(_ name: String, _ count: Int, _ body: () -> Void) {
      let start = Bench.now(), startCPU = cpuTime()
      body()
      let wall = Double(Bench.now() - start) / 1e9
      let cpu = Double(cpuTime() - startCPU) / 1e9
      print(name.padding(48) + String(Int(Double(count) / wall)).leftPadded(to: 10) + " /s wall"
        + String(Int(Double(count) / max(cpu, 1e-9))).leftPadded(to: 11) + " /s CPU")
    }

    // Warm up the handle table, the pool's tag row and the arena.
    for _ in 0..<10_000 {
      _ = api.PushDataStack(h, item, 4)
      size.value = 256
      _ = api.PopDataStack(h, buffer, size)
    }
    measure("PushDataStack + PopDataStack pairs (4 bytes)", pairs) {
      for _ in 0..<pairs {
        if !api.PushDataStack(h, item, 4) { failures += 1 }
        size.value = 256
        if !api.PopDataStack(h, buffer, size) { failures += 1 }
        checksum &+= UInt64(buffer.bytes[3])
      }
    }
    // A deeper stack: 64 pushes, then 64 pops, so blocks and links are live across calls.
    let rounds = max(1, pairs / 64)
    measure("64 pushes then 64 pops, per pair", rounds * 64) {
      for _ in 0..<rounds {
        for _ in 0..<64 where !api.PushDataStack(h, item, 4) { failures += 1 }
        for _ in 0..<64 {
          size.value = 256
          if !api.PopDataStack(h, buffer, size) { failures += 1 }
        }
      }
    }
    var count: UInt32 = 0
    measure("GetDataStackItemCount", pairs) {
      for _ in 0..<pairs where !api.GetDataStackItemCount(h, &count) { failures += 1 }
    }
    _ = api.CloseHandle(h)
    let leaked = k.pool.usage(of: DataStackProtocol.tag, paged: true).diff
    if failures > 0 || leaked != 0 || checksum != UInt64(pairs) * 4 {
      print("datastack benchmark: \(failures) calls failed, \(leaked) Dstk blocks outstanding, checksum \(checksum)")
      return 1
    }
    return 0
  }
}

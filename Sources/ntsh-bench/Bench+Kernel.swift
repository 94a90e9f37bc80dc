#if canImport(Glibc)
  import Glibc
#endif
import Kernel
import NTAPI
import NTCore

/// Object-manager paths as a process drives them: Win32 → native → object manager. Prints
/// operations per second; never asserts a timing.
enum KernelBenchmarks {
  static func run(operations n: Int = 1_000_000) {
    let machine = Machine()
    let k = machine.kernel
    guard let p = k.shellProcess, case .success(let t) = k.actingThread(in: p) else {
      print("kernel benchmarks: the machine did not boot")
      return
    }
    let api = Win32(kernel: k, thread: t)
    func seconds(_ body: () -> Void) -> Double {
      let start = MapBenchmarks.now()
      body()
      return MapBenchmarks.now() - start
    }
    func report(_ name: String, _ count: Int, _ s: Double) {
      print(name + String(repeating: " ", count: max(0, 44 - name.count))
        + String(Int(Double(count) / s / 1e3)).leftPadded(to: 9) + " k ops/s")
    }

    // CreateEvent with a session-relative name, then CloseHandle: lookup, insert, handle, name
    // removal and deletion on every pair.
    let pairs = n / 4
    var failures = 0
    report("CreateEvent(named) + CloseHandle pairs", pairs, seconds {
      for _ in 0..<pairs {
        guard let h = api.CreateEvent(nil, true, false, "BenchEvent") else { failures += 1; continue }
        if !api.CloseHandle(h) { failures += 1 }
      }
    })

    // Handle lookups: SetEvent references the handle (type and access checked) and dereferences it.
    guard let h = api.CreateEvent(nil, true, false, nil) else { return }
    report("SetEvent (handle lookup + access check)", n, seconds {
      for _ in 0..<n where !api.SetEvent(h) { failures += 1 }
    })
    report("WaitForSingleObject(signaled, 0)", n, seconds {
      for _ in 0..<n {
        if case .result(let r) = api.WaitForMultipleObjectsSynchronously([h], false, 0), r == 0 { continue }
        failures += 1
      }
    })
    _ = api.CloseHandle(h)

    // The pool as a driver uses it per item (the DataStack pushes and pops do this).
    let nt = k.ntoskrnl
    let tag = PoolTag("Dstk")
    report("ExAllocatePoolWithTag + ExFreePool (32 B)", n, seconds {
      for _ in 0..<n {
        guard let b = nt.ExAllocatePoolWithTag(.paged, 32, tag) else { failures += 1; continue }
        nt.ExFreePool(b)
      }
    })
    if failures > 0 { print("kernel benchmarks: \(failures) calls failed") }
  }
}

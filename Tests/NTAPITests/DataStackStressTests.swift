import Drivers
import Kernel
import NTCore
import Testing

@testable import NTAPI

/// Many pushes against the limits, and processes pushing and popping at once on the virtual clock.
@Suite struct DataStackStressTests {
  @Test func aMillionPushesAgainstTheLimits() throws {
    let (m, api) = dataStackShell()
    let h = try #require(api.CreateDataStack(nil, 0, 100, 0, "Million"))
    let item = intBuffer(7)
    var pushed = 0, full = 0, other: [NTStatus] = []
    for _ in 0..<1_000_000 {
      if api.PushDataStack(h, item, 4) {
        pushed += 1
      } else if api.lastStatus == .noMoreEntries && api.lastError == .noMoreItems {
        full += 1
      } else {
        other.append(api.lastStatus)
      }
    }
    #expect(pushed == 100 && full == 999_900 && other.isEmpty)
    // Each refused push allocated its block and freed it again: only the hundred items remain.
    let usage = m.kernel.pool.usage(of: DataStackProtocol.tag, paged: true)
    #expect(usage.diff == 100 && usage.allocs == 1_000_000)
    // The total-size limit: items of 5 bytes into 1000 bytes.
    let s = try #require(api.CreateDataStack(nil, 8, 0, 1000, nil))
    var sized = 0, capable = 0
    for _ in 0..<10_000 {
      if api.PushDataStack(s, UserBuffer([1, 2, 3, 4, 5]), 5) { sized += 1 } else if api.lastError == .notCapable { capable += 1 }
    }
    #expect(sized == 200 && capable == 9_800)
    #expect(!api.PushDataStack(s, UserBuffer(count: 9), 9) && api.lastStatus == .notCapable)
    #expect(api.CloseHandle(h) && api.CloseHandle(s))
    #expect(m.kernel.pool.usage(of: DataStackProtocol.tag, paged: true).diff == 0)
  }

  /// What the processes saw, in the order they saw it.
  final class Log {
    var pushed: [UInt32] = []
    var popped: [UInt32] = []
    var failures: [String] = []
    var pushersDone = 0
    var fullRetries = 0
    var emptyPops = 0
  }

  @Test func interleavedProcessesNeitherLoseNorDuplicateItems() throws {
    let (m, api) = dataStackShell()
    let k = m.kernel
    // A small count limit, so pushers meet a full stack and retry.
    let shared = try #require(api.CreateDataStack(nil, 0, 8, 0, "Shared"))
    let log = Log()
    let pushers = 3, perPusher = 300, poppers = 2

    func spawn(_ image: String, _ body: @escaping (Win32) async throws -> UInt32) throws -> EProcess {
      var ph = Handle.null, th = Handle.null
      let s = api.nt.call {
        $0.NtCreateUserProcess(&ph, &th, image: image, commandLine: image, inheritHandles: false, body: { t in
          try await body(Win32(kernel: k, thread: t))
        })
      }
      #expect(s == .success)
      let p = try #require((api.process.handleTable.entry(ph)?.object?.body as? EProcess))
      _ = api.CloseHandle(ph)
      _ = api.CloseHandle(th)
      return p
    }

    var processes: [EProcess] = []
    for p in 0..<pushers {
      processes.append(try spawn("pusher\(p).exe") { w in
        guard w.LoadDataStackLibrary(), let h = w.CreateDataStack(nil, 0, 8, 0, "Shared") else { return 1 }
        for i in 0..<perPusher {
          let value = UInt32(p) << 16 | UInt32(i)
          while !w.PushDataStack(h, UserBuffer(LE.bytes(UInt64(value), count: 4)), 4) {
            guard w.lastError == .noMoreItems else {
              log.failures.append("push \(value): \(w.lastStatus)")
              return 2
            }
            log.fullRetries += 1
            try await w.Sleep(UInt32(1 + (i + p) % 3))
          }
          log.pushed.append(value)
          if i % 7 == p { try await w.Sleep(2) }
        }
        log.pushersDone += 1
        _ = w.CloseHandle(h)
        return 0
      })
    }
    for q in 0..<poppers {
      processes.append(try spawn("popper\(q).exe") { w in
        guard w.LoadDataStackLibrary(), let h = w.OpenDataStack(AccessMask(0x10_0004), false, "Shared") else { return 1 }
        let buffer = UserBuffer(count: 4)
        let size = UserULong()
        var n = 0
        while true {
          let r = try await w.WaitForSingleObject(h, 20)
          if r == Win32.WAIT_TIMEOUT {
            if log.pushersDone == pushers { break }
            continue
          }
          size.value = 4
          if w.PopDataStack(h, buffer, size) {
            log.popped.append(UInt32(LE.read(buffer.bytes, at: 0, count: 4)))
          } else if w.lastError == .noData {
            log.emptyPops += 1  // another popper took the item the wait announced
          } else {
            log.failures.append("pop: \(w.lastStatus)")
            return 2
          }
          n += 1
          if n % (3 + q) == 0 { try await w.Sleep(UInt32(1 + q)) }
        }
        _ = w.CloseHandle(h)
        return 0
      })
    }
    let outcome = k.dispatcher.run(until: { processes.allSatisfy { !$0.isAlive } }, limit: 600_000 * Dispatcher.ticksPerMillisecond)
    #expect(outcome == .done)
    #expect(processes.allSatisfy { $0.exitStatus == 0 })
    #expect(log.failures.isEmpty, "\(log.failures.prefix(5))")
    // The processes really interleaved: pushers met a full stack, poppers did the popping.
    #expect(log.fullRetries > 0)
    #expect(log.popped.count >= pushers * perPusher - 8)
    // Whatever the poppers left is still there for the shell.
    while let bytes = api.pop(shared, capacity: 4) { log.popped.append(UInt32(LE.read(bytes, at: 0, count: 4))) }
    #expect(api.lastError == .noData)
    #expect(log.pushed.count == pushers * perPusher)
    #expect(log.popped.count == log.pushed.count)
    #expect(Set(log.popped).count == log.popped.count)
    #expect(log.popped.sorted() == log.pushed.sorted())
    #expect(api.CloseHandle(shared))
    #expect(k.pool.usage(of: DataStackProtocol.tag, paged: true).diff == 0)
    #expect(k.ob.type(named: "DataStack")?.totalObjects == 0)
  }
}

import NTCore
import Testing

@testable import Kernel

@Suite struct DispatcherTests {
  /// Starts a simulated process whose body records events with the virtual time.
  func spawn(_ b: Booted, _ image: String, _ body: @escaping Kernel.ThreadBody) -> EProcess {
    guard case .success(let p) = b.kernel.createProcess(image: image, parent: b.ntsh, sessionId: 1, body: body) else {
      fatalError("spawn")
    }
    return p
  }

  @Test func sleepingThreadsInterleaveOnTheVirtualClock() {
    let b = Booted()
    let k = b.kernel
    final class Log { var lines: [String] = [] }
    let log = Log()
    let start = k.dispatcher.tickCount
    for (name, step) in [("A", Int64(300)), ("B", 200)] {
      _ = spawn(b, name + ".exe") { t in
        for i in 0..<3 {
          log.lines.append("\(name)\(i)@\(k.dispatcher.tickCount - start)")
          _ = try await k.dispatcher.delay(t, ticks: step * Dispatcher.ticksPerMillisecond)
        }
        return 0
      }
    }
    k.dispatcher.runReady()
    #expect(log.lines == ["A0@0", "B0@0"])
    #expect(k.dispatcher.tickCount == start)  // running ready threads never moves the clock
    k.dispatcher.advance(by: 1000 * Dispatcher.ticksPerMillisecond)
    #expect(log.lines == ["A0@0", "B0@0", "B1@200", "A1@300", "B2@400", "A2@600"])
  }

  @Test func waitSatisfiedBySignalOrTimeout() throws {
    let b = Booted()
    let k = b.kernel
    let event = KEvent(notification: false, signaled: false)
    final class Box { var results: [NTStatus] = [] }
    let box = Box()
    let p = spawn(b, "w.exe") { t in
      box.results.append(try await k.dispatcher.wait(t, on: [event], waitAll: false, timeout: 500 * Dispatcher.ticksPerMillisecond, reason: .userRequest))
      box.results.append(try await k.dispatcher.wait(t, on: [event], waitAll: false, timeout: 500 * Dispatcher.ticksPerMillisecond, reason: .userRequest))
      return 7
    }
    k.dispatcher.runReady()
    k.dispatcher.advance(by: 100 * Dispatcher.ticksPerMillisecond)
    _ = k.setEvent(event)
    k.dispatcher.runReady()
    #expect(box.results == [.wait0])
    #expect(event.signalState == 0)  // auto-reset consumed by the waiter
    k.dispatcher.advance(by: 600 * Dispatcher.ticksPerMillisecond)
    #expect(box.results == [.wait0, .timeout])
    #expect(p.exitStatus == 7)
  }

  @Test func terminationUnwindsAWaitingThread() {
    let b = Booted()
    let k = b.kernel
    final class Flag { var reachedEnd = false }
    let flag = Flag()
    let p = spawn(b, "notepad.exe") { t in
      _ = try await k.dispatcher.wait(t, on: [KEvent(notification: true, signaled: false)], waitAll: false, timeout: nil, reason: .userRequest)
      flag.reachedEnd = true
      return 0
    }
    k.dispatcher.runReady()
    #expect(p.isAlive)
    #expect(k.dispatcher.run(until: { !p.isAlive }, limit: 10_000 * Dispatcher.ticksPerMillisecond) == .idle)
    k.terminate(p, exitStatus: 1)
    k.dispatcher.runReady()
    #expect(!p.isAlive && p.exitStatus == 1 && !flag.reachedEnd)
    #expect(k.dispatcher.waitingThreads.allSatisfy { $0.process !== p })
  }

  @Test func mutantDeadlockIsFound() {
    let b = Booted()
    let k = b.kernel
    let m1 = KMutant(owner: nil), m2 = KMutant(owner: nil)
    for (first, second) in [(m1, m2), (m2, m1)] {
      _ = spawn(b, "lock.exe") { t in
        _ = try await k.dispatcher.wait(t, on: [first], waitAll: false, timeout: nil, reason: .userRequest)
        _ = try await k.dispatcher.delay(t, ticks: 10 * Dispatcher.ticksPerMillisecond)
        _ = try await k.dispatcher.wait(t, on: [second], waitAll: false, timeout: nil, reason: .userRequest)
        return 0
      }
    }
    k.dispatcher.advance(by: 100 * Dispatcher.ticksPerMillisecond)
    #expect(k.dispatcher.isIdle)
    let cycles = k.dispatcher.deadlockCycles()
    #expect(cycles.count == 1 && cycles.first?.count == 2)
  }

  @Test func abandonedMutantIsReportedToTheNextOwner() {
    let b = Booted()
    let k = b.kernel
    let m = KMutant(owner: nil)
    let holder = spawn(b, "h.exe") { t in
      _ = try await k.dispatcher.wait(t, on: [m], waitAll: false, timeout: nil, reason: .userRequest)
      _ = try await k.dispatcher.delay(t, ticks: Int64.max / 4)
      return 0
    }
    k.dispatcher.runReady()
    k.terminate(holder, exitStatus: 0)
    #expect(k.dispatcher.waitSynchronously(b.thread, on: [m], waitAll: false, timeout: 0) == .completed(.abandonedWait0))
    #expect(m.owner === b.thread)
  }

  @Test func synchronousWaitRunsTheMachineOrReportsDeadlock() {
    let b = Booted()
    let k = b.kernel
    let e = KEvent(notification: true, signaled: false)
    _ = spawn(b, "setter.exe") { t in
      _ = try await k.dispatcher.delay(t, ticks: 250 * Dispatcher.ticksPerMillisecond)
      _ = k.setEvent(e)
      return 0
    }
    let t0 = k.dispatcher.tickCount
    #expect(k.dispatcher.waitSynchronously(b.thread, on: [e], waitAll: false, timeout: nil) == .completed(.wait0))
    #expect(k.dispatcher.tickCount - t0 == 250)
    let never = KEvent(notification: true, signaled: false)
    #expect(k.dispatcher.waitSynchronously(b.thread, on: [never], waitAll: false, timeout: nil) == .deadlock)
    #expect(k.dispatcher.waitSynchronously(b.thread, on: [never], waitAll: false, timeout: 1000 * Dispatcher.ticksPerMillisecond) == .completed(.timeout))
  }

  @Test func anInfiniteSleepArmsNoTimerAndNeverEnds() {
    let b = Booted()
    let k = b.kernel
    final class Flag { var woke = false }
    let flag = Flag()
    // Several infinite sleepers: none may ever wake, however far the clock goes.
    for i in 0..<5 {
      _ = spawn(b, "sleeper\(i).exe") { t in
        _ = try await k.dispatcher.delay(t, ticks: nil)
        flag.woke = true
        return 0
      }
    }
    k.dispatcher.runReady()
    #expect(k.dispatcher.nextDue() == nil)
    #expect(k.dispatcher.isIdle)
    let never = KEvent(notification: true, signaled: false)
    #expect(k.dispatcher.waitSynchronously(b.thread, on: [never], waitAll: false, timeout: nil) == .deadlock)
    k.dispatcher.advance(by: k.dispatcher.remainingTicks)
    #expect(!flag.woke)
  }

  @Test func theClockStopsAtTheLargestFiletime() {
    let b = Booted()
    let k = b.kernel
    final class Log { var wakes = 0 }
    let log = Log()
    // A thread that sleeps in a loop must block at the end of time, not spin there.
    _ = spawn(b, "looper.exe") { t in
      while true {
        _ = try await k.dispatcher.delay(t, ticks: Int64.max / 2)
        log.wakes += 1
      }
    }
    k.dispatcher.runReady()
    k.dispatcher.advance(by: Int64.max)
    #expect(k.dispatcher.systemTime == Dispatcher.maxSystemTime)
    #expect(k.dispatcher.remainingTicks == 0)
    #expect(log.wakes == 1)
    #expect(k.dispatcher.isIdle)
    k.dispatcher.advance(by: Int64.max)  // saturates instead of wrapping
    #expect(k.dispatcher.systemTime == Dispatcher.maxSystemTime)
    // A finite wait that would end past the end of time can never time out.
    let never = KEvent(notification: true, signaled: false)
    #expect(k.dispatcher.waitSynchronously(b.thread, on: [never], waitAll: false, timeout: 10) == .deadlock)
    #expect(k.dispatcher.run(until: { false }, limit: Int64.max) == .idle)
  }
}

@Suite struct DispatcherTerminationTests {
  @Test func aSleepingThreadCanBeKilledAndItsTimerGoesStale() {
    let b = Booted()
    let k = b.kernel
    guard case .success(let p) = k.createProcess(image: "s.exe", parent: b.ntsh, sessionId: 1, body: { t in
      _ = try await k.dispatcher.delay(t, ticks: 1_000 * Dispatcher.ticksPerMillisecond)
      return 0
    }) else { Issue.record("spawn"); return }
    k.dispatcher.runReady()
    k.terminate(p, exitStatus: 9)
    k.dispatcher.runReady()
    k.dispatcher.advance(by: 2_000 * Dispatcher.ticksPerMillisecond)
    #expect(p.exitStatus == 9)
    #expect(k.dispatcher.isIdle)
  }
}

import Drivers
import Kernel
import NTCore
import Testing

@testable import NTAPI

/// DSTest.exe as the seed writes it: two instances on the shared virtual clock.
@Suite struct DSTestTests {
  /// Starts the pusher, advances `delay` ms, runs the popper to its end; returns each one's lines.
  static func twoInstances(delay: Int64, popperArguments: String = "") throws -> (pusher: [String], popper: [String], machine: Machine) {
    let (m, api) = dataStackShell()
    let k = m.kernel
    let first = try #require(api.CreateProcess("DSTest.exe"))
    k.dispatcher.runReady()
    k.dispatcher.advance(by: delay * Dispatcher.ticksPerMillisecond)
    let second = try #require(api.CreateProcess("DSTest.exe" + popperArguments))
    guard let popper = k.process(pid: second.processId), let pusher = k.process(pid: first.processId) else {
      throw DataStackTestError.noProcess
    }
    _ = k.dispatcher.run(until: { !popper.isAlive && !pusher.isAlive }, limit: 60_000 * Dispatcher.ticksPerMillisecond)
    let lines = k.console.take()
    return (lines.filter { $0.pid == first.processId }.map(\.text), lines.filter { $0.pid == second.processId }.map(\.text), m)
  }

  static let seedOrder = ["2", "5", "8", "10", "9", "7", "6", "4", "3", "1", "Pushing another string...", "Hello, data stack!"]

  static func popped(_ lines: [String]) -> [String] {
    lines.compactMap { l -> String? in
      guard l.hasPrefix("Popped "), let colon = l.firstIndex(of: ":") else { return nil }
      return String(l[l.index(colon, offsetBy: 2)...])
    }
  }

  @Test func theSeedsOutputWithADelayOf150() throws {
    let (pusher, popper, m) = try Self.twoInstances(delay: 150)
    #expect(pusher == ["Handle created: 0x0000000000000014"])
    #expect(popper.prefix(2) == ["Handle created: 0x0000000000000014", "Opened an existing object... will pop elements"])
    #expect(Self.popped(popper) == Self.seedOrder)
    #expect(popper.filter { $0.hasPrefix("Popped 4 bytes") }.count == 10)
    #expect(popper.contains("Popped 26 bytes: Pushing another string...") && popper.contains("Popped 19 bytes: Hello, data stack!"))
    #expect(m.kernel.pool.usage(of: DataStackProtocol.tag, paged: true).diff == 0)
  }

  /// The arithmetic: the seed's order exactly when the delay is 101–199 ms past a multiple of 300
  /// (at most 5000 ms); every delay pops all twelve items once.
  @Test(arguments: [0, 50, 99, 100, 101, 120, 150, 199, 200, 250, 299, 300, 401, 450, 499, 500, 1001, 2750, 4901, 4999, 5000])
  func theOrderFollowsTheDelay(_ delay: Int) throws {
    let (_, popper, _) = try Self.twoInstances(delay: Int64(delay))
    let items = Self.popped(popper)
    #expect(items.sorted() == Self.seedOrder.sorted())
    let expectSeed = (101...199).contains(delay % 300) && delay <= 5000
    #expect((items == Self.seedOrder) == expectSeed, "delay \(delay): \(items)")
  }

  @Test func thePart4PopperWaitsOnTheObject() throws {
    let (_, popper, m) = try Self.twoInstances(delay: 150, popperArguments: " /wait")
    let items = Self.popped(popper)
    #expect(items.sorted() == Self.seedOrder.sorted())
    #expect(popper.last == "Data stack Item count: 0 Size: 0")
    #expect(popper.filter { $0.hasPrefix("Data stack Item count:") }.count == 12)
    #expect(m.kernel.pool.usage(of: DataStackProtocol.tag, paged: true).diff == 0)
  }

  @Test func aPusherAloneLeaksOnlyWithThePart3Driver() throws {
    for (variant, leaked) in [("part3", 12), ("part4", 0)] {
      let (m, api) = dataStackShell(variant: variant)
      let pi = try #require(api.CreateProcess("DSTest.exe"))
      let p = try #require(m.kernel.process(pid: pi.processId))
      _ = m.kernel.dispatcher.run(until: { !p.isAlive }, limit: 60_000 * Dispatcher.ticksPerMillisecond)
      #expect(p.exitStatus == 0)
      #expect(m.kernel.pool.usage(of: DataStackProtocol.tag, paged: true).diff == leaked)
      #expect(m.kernel.ob.type(named: "DataStack")?.totalObjects == 0)
    }
  }

  @Test func the32BitBuildNeverStarts() throws {
    let (m, api) = dataStackShell()
    let pi = try #require(api.CreateProcess("DSTest32.exe"))
    let p = try #require(m.kernel.process(pid: pi.processId))
    _ = m.kernel.dispatcher.run(until: { !p.isAlive }, limit: 1000 * Dispatcher.ticksPerMillisecond)
    #expect(p.isWow64 && p.exitStatus == NTStatus.dllInitFailed.rawValue)
    #expect(m.kernel.console.take().isEmpty)
    #expect(m.kernel.ob.type(named: "DataStack")?.totalObjects == 0)
  }
}

enum DataStackTestError: Error {
  case noProcess
}

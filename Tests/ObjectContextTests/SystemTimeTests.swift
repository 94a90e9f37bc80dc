import Kernel
import Testing

@testable import ObjectContext

/// FILETIME formatting is total: every Int64 formats, including times before 1601 and the largest.
@Suite struct SystemTimeTests {
  @Test func formatsTheEpochsAndTheLimits() {
    #expect(SystemTime.format(0) == "1601-01-01 00:00:00.000")
    #expect(SystemTime.format(133_697_412_000_000_000) == "2024-09-02 09:00:00.000")
    #expect(SystemTime.format(Int64.max) == "30828-09-14 02:48:05.477")
    #expect(SystemTime.format(-10_000) == "1600-12-31 23:59:59.999")
    #expect(SystemTime.format(-1) == "1600-12-31 23:59:59.999")
    #expect(!SystemTime.format(Int64.min).isEmpty)
  }

  @Test func setClockRefusesToPassTheLargestFiletime() throws {
    let h = Harness()
    h.run("object")
    let d: Dispatcher = h.world.machine.kernel.dispatcher
    d.advance(by: d.remainingTicks - 1_000 * Dispatcher.ticksPerMillisecond)
    #expect(h.run("set clock advance=1001").contains(
      "The clock cannot pass 30828-09-14 02:48:05.477 UTC, the largest FILETIME: 1000 ms are left. It did not move."))
    #expect(h.run("set clock advance=1000").contains("Up time:"))
    #expect(h.run("show clock").contains("System time:  30828-09-14 02:48:05.477 UTC"))
    #expect(h.run("set clock advance=1").contains("0 ms are left"))
  }
}

import Testing

@testable import EBPFRuntime

@Suite struct ObjectIDAllocatorTests {
  @Test func theSeedsNativeLoadGivesMapTwoAndProgramThree() {
    var ids = ObjectIDAllocator()
    let started = ids.beginLoad(.native)
    #expect(started)
    #expect(ids.allocate() == 2)  // proc_map
    #expect(ids.allocate() == 3)  // TestConnections
    #expect(ids.allocate() == 4)  // its link
  }

  @Test func anELFLoadConsumesOneIdFirst() {
    // eBPF for Windows' golden netsh tests: tail_call.o on a fresh system, then droppacket.o loads.
    var ids = ObjectIDAllocator()
    let started = ids.beginLoad(.elf)
    #expect(started)
    let maps = [ids.allocate(), ids.allocate()]
    let programs = [ids.allocate(), ids.allocate()]
    let link = ids.allocate()
    #expect(maps == [3, 4] && programs == [5, 6] && link == 7)
  }

  @Test func repeatedTwoMapLoadsAdvanceByFive() {
    // droppacket.o (two maps, one program, one link) loaded again and again: program 5, 10, 15.
    var ids = ObjectIDAllocator()
    var firstPrograms: [UInt32?] = []
    for _ in 0..<3 {
      _ = ids.beginLoad(.elf)
      _ = ids.allocate()
      _ = ids.allocate()
      firstPrograms.append(ids.allocate())
      _ = ids.allocate()
    }
    #expect(firstPrograms == [5, 10, 15])
  }

  @Test func exhaustionIsReportedNotTrapped() {
    var ids = ObjectIDAllocator(last: UInt32.max - 1)
    #expect(ids.peekNext == UInt32.max)
    #expect(ids.allocate() == UInt32.max)
    #expect(ids.allocate() == nil)
    #expect(ids.peekNext == nil)
    let elfStarted = ids.beginLoad(.elf)
    let nativeStarted = ids.beginLoad(.native)
    #expect(!elfStarted && nativeStarted)
  }
}

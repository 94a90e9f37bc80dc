import Testing

@testable import BPF

@Suite struct SanitizerAndTraceTests {
  let vm = VMHarness()

  @Test func readsOfUninitialisedRegistersTrap() throws {
    let f = try #require(try vm.fault("mov %r0, 1\nadd %r0, %r3\nexit", .sanitizing))
    #expect(f.description == "pc 1: read of uninitialised register r3")
    #expect(try vm.fault("mov %r0, 1\nadd %r0, %r3\nexit", .checked) == nil)
    #expect(try vm.fault("exit", .sanitizing)?.reason == .uninitializedRegister(.r0))
    // Arguments passed to the run are initialised; the rest are not.
    #expect(try vm.run("mov %r0, %r2\nexit", .sanitizing, arguments: [1, 2]).result == 2)
    #expect(try vm.fault("mov %r0, %r3\nexit", .sanitizing, arguments: [1, 2])?.reason == .uninitializedRegister(.r3))
  }

  @Test func readsOfUninitialisedStackTrap() throws {
    let f = try #require(try vm.fault("stw [%r10-8], 1\nldxdw %r0, [%r10-8]\nexit", .sanitizing))
    #expect(f.pc == 1)
    #expect(f.message.hasPrefix("read of 8 uninitialised stack bytes at"))
    #expect(try vm.run("stdw [%r10-8], 1\nldxw %r0, [%r10-4]\nexit", .sanitizing).result == 0)
  }

  @Test func callsClobberArgumentRegistersAndCalleeStartsClean() throws {
    var h = vm
    h.helpers[1] = { _ in .value(0) }
    #expect(try h.fault("mov %r1, 1\ncall 1\nmov %r0, %r1\nexit", .sanitizing)?.reason == .uninitializedRegister(.r1))
    #expect(
      try h.fault("mov %r6, 1\ncall local +1\nexit\nmov %r0, %r6\nexit", .sanitizing)?.reason
        == .uninitializedRegister(.r6))
    #expect(try h.fault("stdw [%r10-8], 1\ncall local +1\nexit\nldxdw %r0, [%r10-8]\nexit", .sanitizing)?.pc == 3)
  }

  @Test func helperWritesInitialiseStack() throws {
    var h = vm
    h.helpers[3] = { call in
      (try? call.memory.store(UInt64(42), to: call.r1)) == nil ? .fault("bad") : .value(0)
    }
    #expect(try h.run("mov %r1, %r10\nadd %r1, -8\ncall 3\nldxdw %r0, [%r10-8]\nexit", .sanitizing).result == 42)
  }

  @Test func traceReportsEachInstructionAndChangedRegisters() throws {
    var events: [TraceEvent] = []
    let program = try vm.program("mov %r0, 1\nmov %r1, 1\nadd %r0, 2\nexit")
    _ = try vm.interpreter(.checked).run(program) { events.append($0) }
    #expect(events.map(\.pc) == [0, 1, 2, 3])
    #expect(events[0].changes == [RegisterChange(register: .r0, old: 0, new: 1)])
    #expect(events[1].changes == [RegisterChange(register: .r1, old: 0, new: 1)])
    #expect(events[2].changes == [RegisterChange(register: .r0, old: 1, new: 3)])
    #expect(events[3].changes.isEmpty)
    #expect(events[2].instruction == .alu(.add, .bits64, dst: .r0, source: .immediate(2)))
  }
}

import Testing

@testable import BPF

/// Clean faults with pc and reason: memory, budget, call depth, helpers, tail calls, modes.
@Suite struct FaultTests {
  let vm = VMHarness()

  /// Every engine must report the same fault.
  func fault(_ source: String, arguments: [UInt64] = []) throws -> Fault {
    let checked = try #require(try vm.fault(source, .checked, arguments: arguments))
    let sanitizing = try #require(try vm.fault(source, .sanitizing, arguments: arguments))
    // Each interpreter has its own stack region, so compare where and when, not addresses.
    #expect(checked.pc == sanitizing.pc && checked.instructionsExecuted == sanitizing.instructionsExecuted)
    return checked
  }

  @Test func outOfBoundsAccessesNameAddressRegionAndPC() throws {
    let region = try vm.memory.allocate(size: 16, kind: .context, name: "ctx")
    let f = try fault("mov %r0, 0\nldxw %r0, [%r1+14]\nexit", arguments: [region.address])
    #expect(f.pc == 1)
    #expect(f.instructionsExecuted == 2)
    #expect(
      f.description
        == "pc 1: out-of-bounds read of 4 bytes at \(hexAddress(region.address + 14)) in context 'ctx'"
        + " (16 bytes at \(hexAddress(region.address)))"
    )
    let w = try fault("stdw [%r1+16], 1\nexit", arguments: [region.address])
    #expect(w.reason == .memory(MemoryError(address: region.address + 16, size: 8, isWrite: true, region: region)))
    #expect(try fault("stxb [%r1-1], %r1\nexit", arguments: [region.address]).pc == 0)
  }

  @Test func unmappedAddressesAndNullFault() throws {
    let f = try fault("mov %r1, 0\nldxb %r0, [%r1]\nexit")
    #expect(f.description == "pc 1: invalid read of 1 byte at 0x0000000000000000: no memory is mapped there")
    let stackTop = try fault("ldxdw %r0, [%r10]\nexit")  // just above the frame
    #expect(stackTop.pc == 0)
  }

  @Test func readOnlyRegionsAndWritableWindows() throws {
    let ro = try vm.memory.allocate(copying: [1, 2, 3, 4], kind: .packet, name: "pkt", access: .readOnly)
    #expect(try vm.result("ldxw %r0, [%r1]\nexit", arguments: [ro.address]) == 0x0403_0201)
    let f = try fault("stb [%r1], 9\nexit", arguments: [ro.address])
    #expect(f.message.contains("write of 1 byte at \(hexAddress(ro.address)) to read-only memory in packet 'pkt'"))
    let ctx = try vm.memory.allocate(size: 24, kind: .context, name: "ctx", access: .writable(16..<24))
    #expect(try vm.result("stdw [%r1+16], 7\nldxdw %r0, [%r1+16]\nexit", arguments: [ctx.address]) == 7)
    #expect(try fault("stdw [%r1+8], 7\nexit", arguments: [ctx.address]).pc == 0)  // data_end field
    #expect(try fault("stxw [%r1+14], %r1\nexit", arguments: [ctx.address]).pc == 0)  // straddles the window
  }

  @Test func infiniteLoopEndsWithBudgetFault() throws {
    var h = vm
    h.configuration.instructionBudget = 1000
    let f = try #require(try h.fault("ja -1"))
    #expect(f.reason == .budgetExhausted(limit: 1000))
    #expect(f.pc == 0)
    #expect(f.instructionsExecuted == 1000)
    #expect(f.description == "pc 0: instruction budget of 1000 exhausted")
    let sanitized = try #require(try h.fault("ja -1", .sanitizing))
    #expect(sanitized == f)
    // Straight-line code is checked at its exit.
    h.configuration.instructionBudget = 2
    #expect(try h.fault("mov %r0, 1\nmov %r0, 2\nexit")?.reason == .budgetExhausted(limit: 2))
  }

  @Test func callDepthIsLimited() throws {
    let f = try fault("call local +1\nexit\ncall local -1\nexit")
    #expect(f.reason == .callDepthExceeded(limit: 8))
    #expect(f.pc == 2)
    var h = vm
    h.configuration = .init(maxCallDepth: 2)
    #expect(try h.result("call local +2\nmov %r0, 1\nexit\nmov %r0, 5\nexit") == 1)
    #expect(try h.fault("call local +1\nexit\ncall local +1\nexit\nexit")?.reason == .callDepthExceeded(limit: 2))
  }

  @Test func unknownAndFailingHelpers() throws {
    #expect(try fault("call 99\nexit").reason == .unknownHelper(99))
    #expect(try fault("lddw %r1, 0x100000000\ncall %r1\nexit").reason == .unknownHelper(0x1_0000_0000))
    var h = vm
    h.helpers[1] = { _ in .fault("map is gone") }
    #expect(try h.fault("call 1\nexit")?.description == "pc 0: helper function 1 failed: map is gone")
    h.helpers[2] = { _ in .exit(77) }
    #expect(try h.result("call 2\nmov %r0, 1\nexit") == 77)
  }

  @Test func tailCallsReplaceTheProgramUpToTheLimit() throws {
    var h = vm
    h.configuration = .init(maxTailCalls: 33)
    let callee = try h.program("mov %r0, %r1\nadd %r0, 1000\nexit")
    h.helpers[12] = { _ in .tailCall(callee) }
    // The callee's exit ends the run; r1 is preserved; the caller's code after the call never runs.
    let e = try h.interpreter(.checked).run(try h.program("mov %r1, 5\ncall 12\nmov %r0, 1\nexit"))
    #expect(e.result == 1005)
    #expect(e.tailCalls == 1)
    #expect(e.instructionsExecuted == 2 + 3)
    let s = try h.interpreter(.sanitizing).run(try h.program("mov %r1, 5\ncall 12\nmov %r0, 1\nexit"))
    #expect(s == e)
    // A program tail-calling itself stops after the limit.
    var looping = h
    let me = try looping.program("call 13\nexit")
    looping.helpers[13] = { _ in .tailCall(me) }
    for mode in [ExecutionMode.checked, .sanitizing] {
      #expect(throws: Fault(pc: 0, reason: .tailCallLimit(33), instructionsExecuted: 34)) {
        try looping.interpreter(mode).run(me)
      }
    }
  }

  @Test func verifiedModeNeedsAProof() throws {
    let interpreter = try vm.interpreter(.verified)
    #expect(throws: Fault(pc: 0, reason: .notVerified, instructionsExecuted: 0)) {
      try interpreter.run(try vm.program("mov %r0, 0\nexit"))
    }
    #expect(try interpreter.run(try vm.program("mov %r0, 3\nexit", proof: true)).result == 3)
  }

  @Test func programsWithUnsupportedInstructionsAreRejectedAtLoad() throws {
    #expect(throws: ProgramError.unsupported(pc: 0, "legacy packet access (LD_ABS/LD_IND) is not supported")) {
      try Program(slots: try Assembler.assemble("ldabsw 12\nexit"))
    }
    #expect(throws: ProgramError.unresolvedImmediate(pc: 0, .mapByFD(3))) {
      try Program(slots: try Assembler.assemble("lddw %r1, map_fd(3)\nexit"))
    }
    let p = try Program(slots: try Assembler.assemble("lddw %r1, map_fd(3)\nmov %r0, %r1\nexit")) { _, v in
      v == .mapByFD(3) ? 0xabc : nil
    }
    #expect(try vm.interpreter(.checked).run(p).result == 0xabc)
  }
}

@Suite struct ReentrancyTests {
  @Test func aHelperCannotStartAnotherRunOnTheSameInterpreter() throws {
    let vm = VMHarness()
    let interpreter = try vm.interpreter(.checked)
    let inner = try vm.program("mov %r0, 1\nexit")
    var innerFault: Fault?
    var helpers = HelperFunctionTable()
    helpers[1] = { _ in
      do {
        _ = try interpreter.run(inner)
      } catch {
        innerFault = error as? Fault
      }
      return .value(0)
    }
    interpreter.helpers = helpers
    _ = try interpreter.run(try vm.program("call 1\nexit"))
    #expect(innerFault?.reason == .busy)
  }
}

import CBPFInterpreter
import Testing

@testable import BPF

@Suite struct ThreadedEngineTests {
  @Test func swiftHandlerListMatchesTheCShim() {
    #expect(Int(bpf_tc_handler_count()) == ThreadedHandler.allCases.count)
    for h in ThreadedHandler.allCases {
      #expect(String(cString: bpf_tc_handler_name(Int32(h.rawValue))) == "\(h)")
    }
  }

  /// Every conformance program gives the same result, instruction count and fault in the
  /// threaded engine (fused, unfused, verified) and the reference engine (traced and sanitizing).
  @Test(.enabled(if: !ConformanceSuiteTests.files.isEmpty)) func enginesAgreeOnTheConformanceSuite() throws {
    for file in ConformanceSuiteTests.files {
      let test = try ConformanceTest.parse(contentsOf: file)
      let slots = try test.slots()
      let decoded = try DecodedProgram(slots: slots)
      let accesses = Set(
        decoded.instructions.compactMap { pc, insn -> Int? in
          switch insn {
          case .load, .store, .atomic: pc
          default: nil
          }
        })
      let fused = try Program(decoded, name: test.name, proof: VerificationProof(safeAccesses: accesses), fusing: true)
      { _, _ in nil }
      let unfused = try Program(decoded, name: test.name, proof: nil, fusing: false) { _, _ in nil }
      func outcome(_ mode: ExecutionMode, _ program: Program, traced: Bool = false) throws -> String {
        let memory = AddressSpace()
        let interpreter = try Interpreter(
          configuration: .init(mode: mode, instructionBudget: 100_000), memory: memory,
          helpers: ConformanceHelpers.table())
        var args: [UInt64] = [0, 0]
        if !test.memory.isEmpty {
          let region = try memory.allocate(copying: test.memory, kind: .packet, name: "mem")
          args = [region.address, UInt64(test.memory.count)]
        }
        do {
          let e = try interpreter.run(program, arguments: args, observer: traced ? { _ in } : nil)
          return "\(e.result) \(e.instructionsExecuted)"
        } catch {
          return "fault pc \(error.pc) after \(error.instructionsExecuted)"
        }
      }
      let reference = try outcome(.checked, fused, traced: true)
      #expect(try outcome(.checked, fused) == reference, "\(test.name)")
      #expect(try outcome(.checked, unfused) == reference, "\(test.name)")
      #expect(try outcome(.verified, fused) == reference, "\(test.name)")
      #expect(try outcome(.sanitizing, fused) == reference, "\(test.name)")
    }
  }
}

/// Each superinstruction gives the same results as the instructions it replaces, including the
/// aliasing cases and jumps into the middle of a fused group.
@Suite struct FusionTests {
  let vm = VMHarness()

  func check(
    _ source: String, fuses expected: ThreadedHandler, arguments: [UInt64] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let fused = try vm.program(source)
    let handlers = (0..<fused.checkedCode.count).map { i -> ThreadedHandler? in
      let address = fused.checkedCode.ops[i].handler
      return ThreadedHandler.allCases.first { threadedHandlerAddress($0) == address }
    }
    #expect(handlers.contains(expected), "\(expected) not used", sourceLocation: sourceLocation)
    func outcome(_ p: Program) throws -> String {
      do {
        return "\(try vm.interpreter(.checked).run(p, arguments: arguments))"
      } catch let f as Fault {
        return "fault at \(f.pc) after \(f.instructionsExecuted)"
      }
    }
    #expect(try outcome(fused) == outcome(try vm.program(source, fusing: false)), sourceLocation: sourceLocation)
  }

  @Test func everyPatternMatchesItsParts() throws {
    let ctx = try vm.memory.allocate(copying: (0..<32).map { UInt8($0 * 3) }, kind: .context, name: "ctx")
    let arg = [ctx.address, 32]
    try check("mov %r2, 7\nmov %r0, %r2\nadd %r0, 5\nexit", fuses: .movAdd64i)
    try check("mov %r2, 7\nmov %r0, %r2\nlsh %r0, 60\nexit", fuses: .movLsh64i)
    try check("mov %r2, -7\nmov %r0, %r2\narsh %r0, 1\nexit", fuses: .movArsh64i)
    try check("mov %r2, 7\nmov %r3, 3\nmov %r0, %r2\nmul %r0, %r3\nexit", fuses: .movMul64r)
    try check("mov %r2, 7\nmov %r0, %r2\nsub %r0, %r0\nexit", fuses: .movSub64r)  // Z == X
    try check("mov %r2, 7\nmov32 %r0, %r2\nmul32 %r0, -3\nexit", fuses: .movMul32i)
    try check("mov %r0, 6\nand %r0, 4\njeq %r0, 0, +1\nmov %r0, 9\nexit", fuses: .andJeqZero64)
    try check("mov %r0, 0\nmov %r2, 3\nl:\nadd %r0, 1\njlt %r0, %r2, l\nexit", fuses: .addJlt64r)
    try check("mov %r0, 0\nl:\nadd %r0, 1\njne %r0, %r0, l\nexit", fuses: .addJne64r)  // S == D
    try check("mov %r2, 1\nmov %r0, %r2\njne %r2, 1, +1\nmov %r0, 5\nexit", fuses: .movJne64i)
    try check("mov %r2, 4\nmov %r0, %r2\nja +1\nmov %r0, 5\nexit", fuses: .movJa)
    try check("mov %r0, 4\nadd %r0, 3\nja +1\nmov %r0, 5\nexit", fuses: .addJa64i)
    try check(
      "mov %r3, 5\nmov %r2, %r3\nand %r2, 1\njne %r2, 0, +1\nmov %r0, 1\nmov %r0, %r2\nexit",
      fuses: .movAndJneZero64)
    try check("mov %r5, 4\nmov %r6, %r1\nadd %r6, %r5\nldxw %r0, [%r6+4]\nexit", fuses: .movAddLdxw, arguments: arg)
    // B == D is not an indexed load (the add reads the moved value): a plain pair, same fault.
    try check("mov %r5, 4\nmov %r5, %r1\nadd %r5, %r5\nldxb %r0, [%r5]\nexit", fuses: .movAdd64r, arguments: arg)
    // A jump into the second instruction of a fused pair runs it alone.
    try check("mov %r2, 3\nmov %r0, 1\nja +1\nmov %r0, %r2\nadd %r0, 5\nexit", fuses: .movAdd64i)
    // A fault inside a fused group is reported at the faulting instruction.
    let f = try #require(
      try vm.fault(
        "mov %r5, 4000\nmov %r6, %r1\nadd %r6, %r5\nldxb %r0, [%r6]\nexit",
        arguments: arg))
    #expect(f.pc == 3 && f.instructionsExecuted == 4)
  }
}

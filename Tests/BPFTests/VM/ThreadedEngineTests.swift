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

@testable import BPF

/// Assembles and runs small programs in tests.
struct VMHarness {
  var configuration = Interpreter.Configuration(instructionBudget: 100_000)
  var helpers = HelperFunctionTable()
  let memory = AddressSpace()

  func program(_ source: String, proof: Bool = false, fusing: Bool = true) throws -> Program {
    let slots = try Assembler.assemble(source)
    let decoded = try DecodedProgram(slots: slots)
    let proofValue =
      proof
      ? VerificationProof(
        safeAccesses: Set(
          decoded.instructions.compactMap { pc, insn in
            switch insn {
            case .load, .store, .atomic: pc
            default: nil
            }
          })) : nil
    return try Program(decoded, name: "test", proof: proofValue, fusing: fusing) { _, _ in nil }
  }

  func interpreter(_ mode: ExecutionMode) throws -> Interpreter {
    var c = configuration
    c.mode = mode
    return try Interpreter(configuration: c, memory: memory, helpers: helpers)
  }

  /// Runs in `mode` (verified mode gets a proof covering every access).
  func run(_ source: String, _ mode: ExecutionMode = .checked, arguments: [UInt64] = []) throws -> Execution {
    try interpreter(mode).run(try program(source, proof: mode == .verified), arguments: arguments)
  }

  /// r0 after running in checked, sanitizing and verified mode, and unfused; all must agree.
  func result(_ source: String, arguments: [UInt64] = []) throws -> UInt64 {
    let checked = try run(source, .checked, arguments: arguments)
    let sanitizing = try run(source, .sanitizing, arguments: arguments)
    let verified = try run(source, .verified, arguments: arguments)
    let unfused = try interpreter(.checked).run(try program(source, fusing: false), arguments: arguments)
    precondition(checked == sanitizing && checked == verified && checked == unfused, "engines disagree on \(source)")
    return checked.result
  }

  /// The fault a run ends with in `mode` (nil if it exits).
  func fault(_ source: String, _ mode: ExecutionMode = .checked, arguments: [UInt64] = []) throws -> Fault? {
    do {
      _ = try run(source, mode, arguments: arguments)
      return nil
    } catch let f as Fault {
      return f
    }
  }
}

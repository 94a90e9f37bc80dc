/// An executable eBPF program: validated instructions with their LDDW values resolved, translated
/// once for the interpreter. Immutable, so it can be shared and used as a tail-call target.
/// (`@unchecked Sendable`: its translated code buffers are written only during init.)
public final class Program: @unchecked Sendable {
  /// A name for messages (function or section name).
  public let name: String
  /// The validated instructions.
  public let code: DecodedProgram
  /// What the verifier proved, if it ran.
  public let proof: VerificationProof?
  /// The 64-bit value each LDDW loads, by slot index.
  public let wideValues: [Int: UInt64]
  let checkedCode: ThreadedCode
  let verifiedCode: ThreadedCode?

  /// Prepares `code` for execution. LDDW pseudo forms are resolved by `resolve` (the runtime maps
  /// map fds and indices to simulated addresses); plain constants and code addresses resolve
  /// themselves. Legacy packet loads and calls by BTF id are rejected: this VM has no skb and
  /// no kernel functions.
  public convenience init(
    _ code: DecodedProgram, name: String = "", proof: VerificationProof? = nil,
    resolve: (_ pc: Int, _ value: WideImmediate) -> UInt64? = { _, _ in nil }
  ) throws(ProgramError) {
    try self.init(code, name: name, proof: proof, fusing: true, resolve: resolve)
  }

  /// `fusing: false` turns superinstructions off (tests compare both translations).
  init(
    _ code: DecodedProgram, name: String, proof: VerificationProof?, fusing: Bool,
    resolve: (_ pc: Int, _ value: WideImmediate) -> UInt64?
  ) throws(ProgramError) {
    var values: [Int: UInt64] = [:]
    for (pc, insn) in code.instructions {
      switch insn {
      case .loadImmediate64(_, let wide):
        switch wide {
        case .value(let v): values[pc] = v
        case .codeAddress(let offset): values[pc] = Program.codeAddress(ofSlot: pc + 1 + Int(offset))
        default:
          guard let v = resolve(pc, wide) else { throw .unresolvedImmediate(pc: pc, wide) }
          values[pc] = v
        }
      case .legacyPacketLoad:
        throw .unsupported(pc: pc, "legacy packet access (LD_ABS/LD_IND) is not supported")
      case .callBTF(let id):
        throw .unsupported(pc: pc, "call of kernel function by BTF id \(id) is not supported")
      default:
        break
      }
    }
    self.name = name
    self.code = code
    self.proof = proof
    self.wideValues = values
    checkedCode = ThreadedCode(code, wideValues: values, unchecked: [], fusing: fusing)
    verifiedCode = proof.map { ThreadedCode(code, wideValues: values, unchecked: $0.safeAccesses, fusing: fusing) }
  }

  /// Decodes, validates and prepares instruction slots.
  public convenience init(
    slots: [Instruction], name: String = "", proof: VerificationProof? = nil,
    resolve: (_ pc: Int, _ value: WideImmediate) -> UInt64? = { _, _ in nil }
  ) throws(ProgramError) {
    let decoded: DecodedProgram
    do {
      decoded = try DecodedProgram(slots: slots)
    } catch {
      throw .invalid(error)
    }
    try self.init(decoded, name: name, proof: proof, resolve: resolve)
  }

  /// Simulated base of code addresses (what `lddw dst, code_addr(...)` loads).
  public static let codeBase: UInt64 = 0xffff_c000_0000_0000

  /// The simulated address of slot `pc`.
  public static func codeAddress(ofSlot pc: Int) -> UInt64 { codeBase &+ UInt64(pc) &* 8 }
}

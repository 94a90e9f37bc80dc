import Foundation
import Testing

@testable import BPF

/// Differential check of the numeric domain (ALU64/ALU32, movsx, neg, byte swaps, sign-extending
/// loads, jmp/jmp32 refinements through the zone): random straight-line programs with forward
/// branches over numbers loaded from the context; the analysis' value of r0 at exit must contain
/// the r0 every run computes, on contexts made of edge values (0, ±1, 2^31, 2^32, 2^63, …).
/// `DIFF_ROUNDS` and `DIFF_SEED` run more (40,000 programs, 960,000 runs found nothing).
@Suite struct VerifierNumericDifferentialTests {
  static let edges: [UInt64] = [
    0, 1, 2, 3, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x1_0000, 0x7fff_ffff, 0x8000_0000,
    0xffff_ffff, 0x1_0000_0000, 0x1_0000_0001, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, 0x8000_0000_0000_0001,
    0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_fffe, 0xffff_ffff_8000_0000, 0xffff_ffff_7fff_ffff, 0xffff_ffff_0000_0000,
    0xffff_8000, 0x0000_0000_ffff_fffe, 40, 63, 64, 65, 31, 32, 33,
  ]
  static let imms: [Int32] = [0, 1, 2, 3, -1, -2, 7, 8, 31, 32, 33, 63, 64, 127, 128, 255, 256, 0x7fff, -0x8000,
    0x7fff_ffff, Int32.min, -0x7fff_ffff, 0xffff, 65535, 65536]

  static func generate(_ random: inout SplitMix64, length: Int) -> [DecodedInstruction] {
    func reg() -> Register { Register(UInt8(random.pick([0, 2, 3, 4, 5, 6, 7, 8, 9]))) ?? .r0 }
    var body: [DecodedInstruction] = []
    let widths: [MemoryWidth] = [.byte, .halfWord, .word, .doubleWord]
    for (i, r) in [0, 2, 3, 4, 5, 6, 7, 8, 9].enumerated() {
      let w = random.pick(widths)
      let sx = w != .doubleWord && random.chance(25)
      body.append(.load(w, signExtending: sx, dst: Register(UInt8(r)) ?? .r0, base: .r1, offset: Int16(i * 8)))
    }
    var remaining = length
    while remaining > 0 {
      remaining -= 1
      let size: OperandSize = random.chance(55) ? .bits64 : .bits32
      let src: Source = random.chance(50) ? .immediate(random.pick(imms)) : .register(reg())
      switch random.below(20) {
      case 0..<9:
        let ops: [ALUOperation] = [
          .add, .sub, .mul, .div, .sdiv, .mod, .smod, .or, .and, .xor, .lsh, .rsh, .arsh, .mov,
        ]
        body.append(.alu(random.pick(ops), size, dst: reg(), source: src))
      case 9:
        let ops: [ALUOperation] = size == .bits64 ? [.movsx8, .movsx16, .movsx32] : [.movsx8, .movsx16]
        body.append(.alu(random.pick(ops), size, dst: reg(), source: .register(reg())))
      case 10:
        body.append(.negate(size, dst: reg()))
      case 11:
        let kind = random.pick([ByteSwapKind.toLittleEndian, .toBigEndian, .unconditional])
        body.append(.byteSwap(kind, bits: random.pick([16, 32, 64]), dst: reg()))
      default:
        let conds: [JumpCondition] = [.eq, .ne, .gt, .ge, .lt, .le, .sgt, .sge, .slt, .sle, .set]
        let skip = 1 + random.below(3)
        body.append(.branch(random.pick(conds), size, dst: reg(), source: src, offset: Int16(skip)))
      }
    }
    // Branches must land inside the body or on the tail's first instruction.
    let n = body.count
    for (i, insn) in body.enumerated() {
      if case .branch(let c, let s, let d, let so, let off) = insn, i + 1 + Int(off) > n {
        body[i] = .branch(c, s, dst: d, source: so, offset: Int16(n - i - 1))
      }
    }
    body.append(.alu(.mov, .bits64, dst: .r0, source: .register(reg())))
    body.append(.jump(offset: 0, long: false))
    body.append(.exit)
    return body
  }

  @Test func abstractContainsConcrete() throws {
    let settings = ProcessInfo.processInfo.environment
    var random = SplitMix64(seed: UInt64(settings["DIFF_SEED"] ?? "") ?? 0xD1FF)
    let rounds = Int(settings["DIFF_ROUNDS"] ?? "") ?? 1500
    var failures: [String] = []
    var checked = 0
    var rejected = 0
    let env = VerifierEnvironment(context: VerifierContext(size: 80))
    for round in 0..<rounds {
      let insns = Self.generate(&random, length: 2 + random.below(16))
      var slots: [Instruction] = []
      for i in insns { slots += i.encode() }
      guard let program = try? DecodedProgram(slots: slots) else { continue }
      let result = Verifier(environment: env).verify(program)
      guard result.succeeded else {
        rejected += 1
        continue
      }
      let graph = ProgramGraph(code: program, maxDepth: 8, maxInstructionVisits: 100_000)
      let analyzer = Analyzer(graph: graph, environment: env, options: VerifierOptions())
      analyzer.run()
      let exitIndex = program.instructions.count - 1
      guard let node = (0..<graph.nodes.count).first(where: { graph.instructions(of: $0).lowerBound == exitIndex }),
        let state = analyzer.pre[node]
      else { continue }
      let v = state.regs[0]
      let code = try Program(program, proof: nil)
      for trial in 0..<24 {
        let memory = AddressSpace()
        var bytes: [UInt8] = []
        for _ in 0..<10 {
          var x = random.chance(70) ? random.pick(Self.edges) : random.next()
          if random.chance(20) { x = x &+ UInt64(bitPattern: Int64(random.below(5) - 2)) }
          for b in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: x >> (8 * UInt64(b)))) }
        }
        let ctx = try memory.allocate(copying: bytes, kind: .context, name: "ctx", access: .readWrite)
        let interpreter = try Interpreter(
          configuration: .init(mode: .checked, instructionBudget: 10_000, maxCallDepth: 8), memory: memory)
        guard let r = try? interpreter.run(code, arguments: [ctx.address]).result else { continue }
        checked += 1
        let ok: Bool
        if state.isBottom {
          ok = false
        } else {
          let sc = v.scalar
          ok =
            v.types == .number && sc.s.contains(Int64(bitPattern: r)) && sc.umin <= r && r <= sc.umax
            && sc.bits.contains(r)
        }
        if !ok && failures.count < 5 {
          failures.append(
            "round \(round) trial \(trial): r0 = \(r) (\(Int64(bitPattern: r))) not in \(v.scalar) bottom=\(state.isBottom)\n"
              + KernelSyntax().listing(program))
        }
      }
    }
    // Every generated program is accepted (no memory access but context loads), so the check runs.
    #expect(rejected == 0)
    #expect(checked > rounds * 12, "checked \(checked)")
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}

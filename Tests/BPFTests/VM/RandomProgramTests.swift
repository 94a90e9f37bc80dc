import Testing

@testable import BPF

/// Hostile-input check: seeded random programs (valid encodings, arbitrary operands) never
/// crash or hang, and the threaded and reference engines agree on every outcome.
@Suite struct RandomProgramTests {
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
  }

  /// A random instruction (possibly not encodable; the caller filters through the decoder).
  static func instruction(_ g: inout Generator, length: Int) -> DecodedInstruction {
    let regs = (0...9).map { Register(UInt8($0))! }
    let base = [Register.r1, .r10, .r2, .r3]
    let imms: [Int32] = [0, 1, 2, -1, 3, 16, 32, 63, 64, -8, 0x7fff_ffff, Int32.min, 12345]
    let offsets: [Int16] = [0, 1, 4, 8, -8, -16, -512, 60, 64]
    func source() -> Source { g.next() % 2 == 0 ? .register(g.pick(regs)) : .immediate(g.pick(imms)) }
    let size: OperandSize = g.next() % 2 == 0 ? .bits64 : .bits32
    let jump = Int16(Int(g.next() % UInt64(length + 2)) - length / 2)
    switch g.next() % 12 {
    case 0, 1, 2: return .alu(g.pick(ALUOperation.allCases), size, dst: g.pick(regs), source: source())
    case 3: return .negate(size, dst: g.pick(regs))
    case 4:
      return .byteSwap(
        g.pick([.toLittleEndian, .toBigEndian, .unconditional]), bits: g.pick([16, 32, 64]),
        dst: g.pick(regs))
    case 5:
      return .load(
        g.pick(MemoryWidth.allCases), signExtending: g.next() % 4 == 0, dst: g.pick(regs),
        base: g.pick(base), offset: g.pick(offsets))
    case 6: return .store(g.pick(MemoryWidth.allCases), base: g.pick(base), offset: g.pick(offsets), value: source())
    case 7:
      return .atomic(
        g.pick([.add(fetch: true), .or(fetch: false), .exchange, .compareExchange, .xor(fetch: true)]),
        g.pick([.word, .doubleWord]), base: g.pick(base), offset: g.pick(offsets), src: g.pick(regs))
    case 8: return .loadImmediate64(dst: g.pick(regs), value: .value(g.next()))
    case 9: return .branch(g.pick(JumpCondition.allCases), size, dst: g.pick(regs), source: source(), offset: jump)
    case 10: return g.next() % 3 == 0 ? .callLocal(offset: Int32(jump)) : .call(helper: g.pick([1, 1, 2]))
    default: return g.next() % 2 == 0 ? .jump(offset: Int32(jump), long: false) : .exit
    }
  }

  @Test func randomProgramsNeverCrashAndEnginesAgree() throws {
    var g = Generator(state: 0x9E37_79B9_7F4A_7C15)
    var ran = 0
    var faulted = 0
    for _ in 0..<3000 {
      let length = 4 + Int(g.next() % 12)
      var slots: [Instruction] = []
      for _ in 0..<length {
        let insn = Self.instruction(&g, length: length)
        let encoded = insn.encode()
        guard (try? DecodedInstruction.decode(encoded, at: 0)) == insn else { continue }
        slots += encoded
      }
      slots.append(Instruction(opcode: Opcode.exit))
      guard let decoded = try? DecodedProgram(slots: slots),
        let program = try? Program(decoded, name: "random", proof: nil, fusing: true, resolve: { _, _ in 1 }),
        let unfused = try? Program(decoded, name: "random", proof: nil, fusing: false, resolve: { _, _ in 1 })
      else { continue }
      func outcome(_ mode: ExecutionMode, _ p: Program, traced: Bool = false) throws -> String {
        let memory = AddressSpace()
        var helpers = HelperFunctionTable()
        helpers[1] = { call in .value(call.r1 &+ call.r2) }
        let interpreter = try Interpreter(
          configuration: .init(mode: mode, instructionBudget: 2000, maxCallDepth: 4), memory: memory,
          helpers: helpers)
        let ctx = try memory.allocate(copying: (0..<64).map { UInt8($0) }, kind: .context, name: "ctx")
        do {
          let e = try interpreter.run(p, arguments: [ctx.address, 64], observer: traced ? { _ in } : nil)
          return "ok \(e.result) \(e.instructionsExecuted) \(try memory.read(ctx.address, count: 64))"
        } catch let f as Fault {
          return "fault \(f.pc) \(f.instructionsExecuted) \(f.message)"
        }
      }
      let reference = try outcome(.checked, program, traced: true)
      #expect(try outcome(.checked, program) == reference, "\(AssemblySyntax.listing(decoded))")
      #expect(try outcome(.checked, unfused) == reference, "\(AssemblySyntax.listing(decoded))")
      ran += 1
      if reference.hasPrefix("fault") { faulted += 1 }
    }
    #expect(ran > 500)
    #expect(faulted > 50 && faulted < ran)
  }
}

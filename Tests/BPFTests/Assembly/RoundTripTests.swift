import Testing

@testable import BPF

/// assemble(disassemble(x)) == x for every encodable instruction, generated over all opcode forms.
@Suite struct RoundTripTests {
  /// Every decodable single instruction over representative operands (plus LDDW pseudo forms).
  static func everyInstruction() -> [[Instruction]] {
    var result: [[Instruction]] = []
    for opcode in 0...255 {
      for dst: UInt8 in [0, 3, 10] {
        for src: UInt8 in [0, 1, 2, 3, 4, 5, 6, 9] {
          for offset: Int16 in [0, 1, 8, 16, 32, -1, Int16.min, Int16.max] {
            for imm: Int32 in [0, 1, 16, 32, 64, -1, Int32.min, Int32.max, 0x41, 0x51, 0xa1, 0xe1, 0xf1] {
              for hi: Int32 in [0, -2] {
                let slots = [
                  Instruction(opcode: UInt8(opcode), dst: dst, src: src, offset: offset, imm: imm),
                  Instruction(opcode: 0, imm: hi),
                ]
                guard let insn = try? DecodedInstruction.decode(slots, at: 0) else { continue }
                if insn.slotCount == 1 && hi != 0 { continue }
                result.append(Array(slots.prefix(insn.slotCount)))
              }
            }
          }
        }
      }
    }
    return result
  }

  @Test func conformanceSyntaxRoundTripsEveryEncodableInstruction() throws {
    let all = Self.everyInstruction()
    #expect(all.count > 10_000)
    var opcodes = Set<UInt8>()
    for slots in all {
      let insn = try DecodedInstruction.decode(slots, at: 0)
      let text = AssemblySyntax.text(insn)
      let back = try Assembler.assemble(text)
      #expect(back == slots, "\(text)")
      opcodes.insert(slots[0].opcode)
    }
    // Every opcode RFC 9669 defines (plus the legacy packet loads) is covered.
    #expect(opcodes.count == 126)
  }

  @Test func wholeProgramListingRoundTrips() throws {
    let source = """
      mov %r0, 0
      lddw %r1, map_value(3, +16)
      jsgt32 %r1, -7, +2
      call local +1
      exit
      lock fetch xor [%r10-16], %r3
      exit
      """
    let slots = try Assembler.assemble(source)
    let program = try DecodedProgram(slots: slots)
    #expect(try Assembler.assemble(AssemblySyntax.listing(program)) == slots)
  }
}

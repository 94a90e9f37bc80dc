import Testing

@testable import BPF

@Suite struct InstructionTests {
  @Test func rawRoundTripKeepsEveryField() {
    let insn = Instruction(opcode: 0x61, dst: 1, src: 6, offset: -44, imm: -7)
    let back = Instruction(raw: insn.raw)
    #expect(back == insn)
    #expect(back.offset == -44)
    #expect(back.imm == -7)
    #expect(back.instructionClass == 0x01)
  }

  @Test func bytesAreLittleEndian() {
    // mov64 r0, 1 ; exit
    let bytes: [UInt8] = [0xb7, 0x00, 0, 0, 0x01, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0]
    let insns = Instruction.decode(bytes)
    #expect(insns.count == 2)
    #expect(insns[0].opcode == 0xb7 && insns[0].imm == 1)
    #expect(insns[1].opcode == 0x95)
    #expect(Instruction.encode(insns) == bytes)
  }
}

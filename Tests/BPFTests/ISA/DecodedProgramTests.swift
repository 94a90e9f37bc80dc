import Testing

@testable import BPF

@Suite struct DecodedProgramTests {
  func kind(_ slots: [Instruction]) -> DecodeError? {
    do {
      _ = try DecodedProgram(slots: slots)
      return nil
    } catch {
      return error
    }
  }

  @Test func decodesInstructionsWithTheirPCs() throws {
    let p = try DecodedProgram(slots: [
      Instruction(opcode: 0x18, dst: 0, imm: 1), Instruction(opcode: 0),
      Instruction(opcode: 0x05, offset: 0),
      Instruction(opcode: 0x95),
    ])
    #expect(p.count == 3)
    #expect(p.instructions.map(\.pc) == [0, 2, 3])
  }

  @Test func rejectsBadJumpsAndEndings() {
    #expect(kind([]) == DecodeError(pc: 0, .emptyProgram))
    #expect(
      kind([Instruction(opcode: 0x05, offset: 5), Instruction(opcode: 0x95)])
        == DecodeError(pc: 0, .jumpOutOfRange(target: 6, count: 2)))
    #expect(
      kind([Instruction(opcode: 0x05, offset: -2), Instruction(opcode: 0x95)])
        == DecodeError(pc: 0, .jumpOutOfRange(target: -1, count: 2)))
    #expect(
      kind([
        Instruction(opcode: 0x05, offset: 1), Instruction(opcode: 0x18), Instruction(opcode: 0),
        Instruction(opcode: 0x95),
      ]) == DecodeError(pc: 0, .jumpIntoWideInstruction(target: 2)))
    #expect(
      kind([Instruction(opcode: 0x85, src: 1, imm: 9), Instruction(opcode: 0x95)])
        == DecodeError(pc: 0, .jumpOutOfRange(target: 10, count: 2)))
    #expect(kind([Instruction(opcode: 0xb7, imm: 1)]) == DecodeError(pc: 0, .fallsOffEnd))
    #expect(
      kind([Instruction(opcode: 0xb7, imm: 1), Instruction(opcode: 0x18)])
        == DecodeError(pc: 1, .truncatedWideInstruction))
  }

  @Test func rejectsPartialSlotBytes() {
    #expect(throws: DecodeError(pc: 1, .partialSlot(byteCount: 12))) {
      try DecodedProgram(bytes: [UInt8](repeating: 0, count: 12))
    }
  }
}

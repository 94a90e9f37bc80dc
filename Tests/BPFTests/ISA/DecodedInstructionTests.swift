import Testing

@testable import BPF

@Suite struct DecodedInstructionTests {
  func decode(_ insns: [Instruction]) throws -> DecodedInstruction {
    try DecodedInstruction.decode(insns, at: 0)
  }

  func error(_ insns: [Instruction]) -> DecodeError.Kind? {
    do {
      _ = try DecodedInstruction.decode(insns, at: 0)
      return nil
    } catch {
      return error.kind
    }
  }

  @Test func aluForms() throws {
    #expect(
      try decode([Instruction(opcode: 0x07, dst: 1, imm: -4)]) == .alu(.add, .bits64, dst: .r1, source: .immediate(-4)))
    #expect(
      try decode([Instruction(opcode: 0xbc, dst: 0, src: 1)]) == .alu(.mov, .bits32, dst: .r0, source: .register(.r1)))
    #expect(
      try decode([Instruction(opcode: 0x3f, dst: 5, src: 1, offset: 1)])
        == .alu(.sdiv, .bits64, dst: .r5, source: .register(.r1)))
    #expect(
      try decode([Instruction(opcode: 0x94, dst: 2, offset: 1, imm: 3)])
        == .alu(.smod, .bits32, dst: .r2, source: .immediate(3)))
    #expect(
      try decode([Instruction(opcode: 0xbf, dst: 8, src: 7, offset: 8)])
        == .alu(.movsx8, .bits64, dst: .r8, source: .register(.r7)))
    #expect(
      try decode([Instruction(opcode: 0xbf, dst: 4, src: 7, offset: 32)])
        == .alu(.movsx32, .bits64, dst: .r4, source: .register(.r7)))
    #expect(
      try decode([Instruction(opcode: 0xbc, dst: 4, src: 7, offset: 16)])
        == .alu(.movsx16, .bits32, dst: .r4, source: .register(.r7)))
    #expect(try decode([Instruction(opcode: 0x87, dst: 3)]) == .negate(.bits64, dst: .r3))
    #expect(try decode([Instruction(opcode: 0xdc, dst: 3, imm: 16)]) == .byteSwap(.toBigEndian, bits: 16, dst: .r3))
    #expect(try decode([Instruction(opcode: 0xd4, dst: 3, imm: 64)]) == .byteSwap(.toLittleEndian, bits: 64, dst: .r3))
    #expect(try decode([Instruction(opcode: 0xd7, dst: 3, imm: 32)]) == .byteSwap(.unconditional, bits: 32, dst: .r3))
  }

  @Test func aluRejections() {
    // movsx32 is ALU64 only
    #expect(error([Instruction(opcode: 0xbc, dst: 4, src: 7, offset: 32)]) == .invalidOffset(32))
    #expect(error([Instruction(opcode: 0xb4, dst: 4, offset: 8)]) == .invalidOffset(8))  // movsx needs a register
    #expect(error([Instruction(opcode: 0x0f, dst: 4, src: 1, offset: 2)]) == .invalidOffset(2))
    #expect(error([Instruction(opcode: 0x07, dst: 11)]) == .invalidRegister(.dst, 11))
    #expect(error([Instruction(opcode: 0x0f, dst: 1, src: 12)]) == .invalidRegister(.src, 12))
    #expect(error([Instruction(opcode: 0x07, dst: 10, imm: 1)]) == .frameRegisterWritten)
    #expect(error([Instruction(opcode: 0x07, dst: 1, src: 2, imm: 1)]) == .nonzeroField(.src, 2))
    #expect(error([Instruction(opcode: 0x0f, dst: 1, src: 2, imm: 1)]) == .nonzeroField(.imm, 1))
    #expect(error([Instruction(opcode: 0x8c, dst: 1)]) == .unknownOpcode(0x8c))  // neg with register source
    #expect(error([Instruction(opcode: 0xdf, dst: 1, imm: 16)]) == .unknownOpcode(0xdf))
    #expect(error([Instruction(opcode: 0xd4, dst: 1, imm: 8)]) == .invalidImmediate(8))
    #expect(error([Instruction(opcode: 0xe7, dst: 1)]) == .unknownOpcode(0xe7))
  }

  @Test func memoryForms() throws {
    #expect(
      try decode([Instruction(opcode: 0x61, dst: 1, src: 6, offset: 44)])
        == .load(.word, signExtending: false, dst: .r1, base: .r6, offset: 44))
    #expect(
      try decode([Instruction(opcode: 0x91, dst: 0, src: 6)])
        == .load(.byte, signExtending: true, dst: .r0, base: .r6, offset: 0))
    #expect(
      try decode([Instruction(opcode: 0x7b, dst: 10, src: 1, offset: -8)])
        == .store(.doubleWord, base: .r10, offset: -8, value: .register(.r1)))
    #expect(
      try decode([Instruction(opcode: 0x62, dst: 10, offset: -4, imm: 7)])
        == .store(.word, base: .r10, offset: -4, value: .immediate(7)))
    #expect(
      try decode([Instruction(opcode: 0xdb, dst: 1, src: 2, imm: 0xf1)])
        == .atomic(.compareExchange, .doubleWord, base: .r1, offset: 0, src: .r2))
    #expect(
      try decode([Instruction(opcode: 0xc3, dst: 1, src: 2, imm: 0x41)])
        == .atomic(.or(fetch: true), .word, base: .r1, offset: 0, src: .r2))
    #expect(error([Instruction(opcode: 0x99, dst: 1, src: 2)]) == .unknownOpcode(0x99))  // ldxsdw does not exist
    #expect(error([Instruction(opcode: 0xd3, dst: 1, src: 2)]) == .unknownOpcode(0xd3))  // byte atomics do not exist
    #expect(error([Instruction(opcode: 0xdb, dst: 1, src: 2, imm: 0x02)]) == .invalidImmediate(2))
    #expect(error([Instruction(opcode: 0x61, dst: 10, src: 1)]) == .frameRegisterWritten)
    #expect(error([Instruction(opcode: 0xdb, dst: 1, src: 10, imm: 0x01)]) == .frameRegisterWritten)
  }

  @Test func wideForms() throws {
    let lddw = [Instruction(opcode: 0x18, dst: 0, imm: 0x5566_7788), Instruction(opcode: 0, imm: 0x1122_3344)]
    #expect(try decode(lddw) == .loadImmediate64(dst: .r0, value: .value(0x1122_3344_5566_7788)))
    #expect(
      try decode([Instruction(opcode: 0x18, dst: 1, src: 1, imm: 3), Instruction(opcode: 0)])
        == .loadImmediate64(dst: .r1, value: .mapByFD(3)))
    #expect(
      try decode([Instruction(opcode: 0x18, dst: 1, src: 2, imm: 3), Instruction(opcode: 0, imm: 8)])
        == .loadImmediate64(dst: .r1, value: .mapValue(fd: 3, offset: 8)))
    #expect(
      try decode([Instruction(opcode: 0x18, dst: 1, src: 4, imm: -3), Instruction(opcode: 0)])
        == .loadImmediate64(dst: .r1, value: .codeAddress(-3)))
    #expect(
      try decode([Instruction(opcode: 0x18, dst: 1, src: 6, imm: 0), Instruction(opcode: 0, imm: 4)])
        == .loadImmediate64(dst: .r1, value: .mapValueByIndex(index: 0, offset: 4)))
    #expect(error([Instruction(opcode: 0x18, dst: 1, imm: 3)]) == .truncatedWideInstruction)
    #expect(error([Instruction(opcode: 0x18, dst: 1), Instruction(opcode: 0x95)]) == .malformedWideSecondSlot)
    #expect(
      error([Instruction(opcode: 0x18, dst: 1, src: 1), Instruction(opcode: 0, imm: 1)]) == .malformedWideSecondSlot)
    #expect(error([Instruction(opcode: 0x18, dst: 1, src: 7), Instruction(opcode: 0)]) == .unknownPseudoSource(7))
    #expect(try decode([Instruction(opcode: 0x28, imm: 12)]) == .legacyPacketLoad(.halfWord, index: nil, immediate: 12))
    #expect(
      try decode([Instruction(opcode: 0x40, src: 1, imm: 2)]) == .legacyPacketLoad(.word, index: .r1, immediate: 2))
  }

  @Test func jumpForms() throws {
    #expect(try decode([Instruction(opcode: 0x05, offset: -1)]) == .jump(offset: -1, long: false))
    #expect(try decode([Instruction(opcode: 0x06, imm: 70000)]) == .jump(offset: 70000, long: true))
    #expect(
      try decode([Instruction(opcode: 0x56, dst: 2, offset: 41)])
        == .branch(.ne, .bits32, dst: .r2, source: .immediate(0), offset: 41))
    #expect(
      try decode([Instruction(opcode: 0xdd, dst: 2, src: 3, offset: -2)])
        == .branch(.sle, .bits64, dst: .r2, source: .register(.r3), offset: -2))
    #expect(try decode([Instruction(opcode: 0x85, imm: 12)]) == .call(helper: 12))
    #expect(try decode([Instruction(opcode: 0x85, src: 1, imm: 5)]) == .callLocal(offset: 5))
    #expect(try decode([Instruction(opcode: 0x85, src: 2, imm: 77)]) == .callBTF(id: 77))
    #expect(try decode([Instruction(opcode: 0x8d, dst: 2)]) == .callRegister(.r2))
    #expect(try decode([Instruction(opcode: 0x95)]) == .exit)
    #expect(error([Instruction(opcode: 0x85, src: 3)]) == .unknownCallSource(3))
    #expect(error([Instruction(opcode: 0x86)]) == .unknownOpcode(0x86))
    #expect(error([Instruction(opcode: 0x96)]) == .unknownOpcode(0x96))
    #expect(error([Instruction(opcode: 0x95, imm: 1)]) == .nonzeroField(.imm, 1))
    #expect(error([Instruction(opcode: 0x05, imm: 1)]) == .nonzeroField(.imm, 1))
    #expect(error([Instruction(opcode: 0x06, offset: 1)]) == .nonzeroField(.offset, 1))
    #expect(error([Instruction(opcode: 0x0d)]) == .unknownOpcode(0x0d))
    #expect(error([Instruction(opcode: 0xe5)]) == .unknownOpcode(0xe5))
  }

  @Test func encodeIsInverseOfDecodeForEveryValidSlot() throws {
    // Every opcode with representative fields: whatever decodes must encode back to the same slots.
    var decoded = 0
    for opcode in 0...255 {
      for dst: UInt8 in [0, 1, 10, 11] {
        for src: UInt8 in [0, 1, 2, 4, 6, 10] {
          for offset: Int16 in [0, 1, 8, 16, 32, -7] {
            for imm: Int32 in [0, 1, 16, 32, 64, -5, 0x41, 0xe1, 0xf1] {
              let slots = [
                Instruction(opcode: UInt8(opcode), dst: dst, src: src, offset: offset, imm: imm),
                Instruction(opcode: 0, imm: 9),
              ]
              guard let insn = try? DecodedInstruction.decode(slots, at: 0) else { continue }
              decoded += 1
              #expect(insn.encode() == Array(slots.prefix(insn.slotCount)), "\(insn)")
            }
          }
        }
      }
    }
    #expect(decoded > 5000)
  }

  @Test func errorMessagesNameTheProblem() {
    #expect(DecodeError(pc: 3, .unknownOpcode(0x8f)).description == "pc 3: unknown opcode 0x8f")
    #expect(
      DecodeError(pc: 7, .truncatedWideInstruction).description == "pc 7: LDDW cut in half: its second slot is missing")
    #expect(
      DecodeError(pc: 1, .jumpOutOfRange(target: 40, count: 3)).description
        == "pc 1: jump target 40 is outside the program (0..<3)")
  }
}

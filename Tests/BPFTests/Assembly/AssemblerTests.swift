import Testing

@testable import BPF

@Suite struct AssemblerTests {
  func asm(_ text: String) throws -> [Instruction] { try Assembler.assemble(text) }

  func failure(_ text: String) -> String? {
    do {
      _ = try Assembler.assemble(text)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func conformanceDialectExamples() throws {
    #expect(try asm("mov32 %r0, 0") == [Instruction(opcode: 0xb4)])
    #expect(try asm("ldxh %r3, [%r1+12]") == [Instruction(opcode: 0x69, dst: 3, src: 1, offset: 12)])
    #expect(try asm("stxdw [%r10-8], %r0") == [Instruction(opcode: 0x7b, dst: 10, src: 0, offset: -8)])
    #expect(try asm("ldxb %r0, [%r1+0x2]") == [Instruction(opcode: 0x71, dst: 0, src: 1, offset: 2)])
    #expect(try asm("ldxw %r0, [%r1]") == [Instruction(opcode: 0x61, dst: 0, src: 1)])
    #expect(try asm("lock add [%r10-8], %r1") == [Instruction(opcode: 0xdb, dst: 10, src: 1, offset: -8)])
    #expect(
      try asm("lock fetch add32 [%r10-8], %r1") == [Instruction(opcode: 0xc3, dst: 10, src: 1, offset: -8, imm: 1)])
    #expect(
      try asm("lock cmpxchg32 [%r10-8], %r1") == [Instruction(opcode: 0xc3, dst: 10, src: 1, offset: -8, imm: 0xf1)])
    #expect(try asm("lock xchg [%r10-8], %r1") == [Instruction(opcode: 0xdb, dst: 10, src: 1, offset: -8, imm: 0xe1)])
    #expect(
      try asm("lddw %r0, 0x1122334455667788") == [
        Instruction(opcode: 0x18, imm: 0x5566_7788), Instruction(opcode: 0, imm: 0x1122_3344),
      ])
    #expect(try asm("lddw %r0, -2") == [Instruction(opcode: 0x18, imm: -2), Instruction(opcode: 0, imm: -1)])
    #expect(try asm("movsx832 %r0, %r1") == [Instruction(opcode: 0xbc, dst: 0, src: 1, offset: 8)])
    #expect(try asm("movsx3264 %r0, %r1") == [Instruction(opcode: 0xbf, dst: 0, src: 1, offset: 32)])
    #expect(try asm("sdiv32 %r0, -3") == [Instruction(opcode: 0x34, offset: 1, imm: -3)])
    #expect(try asm("smod %r0, %r2") == [Instruction(opcode: 0x9f, src: 2, offset: 1)])
    #expect(try asm("be16 %r0") == [Instruction(opcode: 0xdc, imm: 16)])
    #expect(try asm("le64 %r0") == [Instruction(opcode: 0xd4, imm: 64)])
    #expect(try asm("bswap32 %r0") == [Instruction(opcode: 0xd7, imm: 32)])
    #expect(try asm("swap16 %r0") == [Instruction(opcode: 0xd7, imm: 16)])
    #expect(try asm("neg32 %r0") == [Instruction(opcode: 0x84)])
    #expect(try asm("mov %r0, 0x80000000") == [Instruction(opcode: 0xb7, imm: Int32.min)])
    #expect(try asm("call 5") == [Instruction(opcode: 0x85, imm: 5)])
    #expect(try asm("call %r2") == [Instruction(opcode: 0x8d, dst: 2)])
    #expect(try asm("call runtime 9") == [Instruction(opcode: 0x85, src: 2, imm: 9)])
    #expect(try asm("jeq %r1, 0x80000000, +1") == [Instruction(opcode: 0x15, dst: 1, offset: 1, imm: Int32.min)])
    #expect(try asm("jne32 %r1, %r0, -3") == [Instruction(opcode: 0x5e, dst: 1, offset: -3)])
  }

  @Test func labelsResolveToSlotOffsets() throws {
    let code = try asm(
      """
      mov %r1, 0
      ja32 L2        # forward, 32-bit offset in imm
      L1:
      lddw %r2, 5
      exit
      L2: mov %r0, 0
      ja L1
      call local L1
      """)
    #expect(code[1] == Instruction(opcode: 0x06, imm: 3))
    #expect(code[6] == Instruction(opcode: 0x05, offset: -5))
    #expect(code[7] == Instruction(opcode: 0x85, src: 1, imm: -6))
  }

  @Test func exitIsAnImplicitLabelForTheFirstExit() throws {
    let code = try asm(
      """
      jne %r0, 1, exit
      mov %r0, 2
      exit
      mov %r0, 3
      exit
      """)
    #expect(code[0].offset == 1)
  }

  @Test func errorsCarryLineNumbersAndSayWhatIsWrong() {
    #expect(failure("mov %r0, 1\nfoo %r1") == "line 2: unknown mnemonic 'foo'")
    #expect(failure("add %r1") == "line 1: 'add' takes 2 operands, got 1")
    #expect(failure("mov %r16, 1") == "line 1: invalid register '%r16'")
    #expect(failure("\n\nmov %r1, 0x100000000") == "line 3: immediate '0x100000000' does not fit 32 bits")
    #expect(failure("ldxw %r1, %r2") == "line 1: expected a memory operand like [%r1+8], got '%r2'")
    #expect(failure("ldxw %r1, [%r2+40000]") == "line 1: offset 40000 does not fit 16 bits")
    #expect(failure("ja nowhere") == "line 1: undefined label 'nowhere'")
    #expect(failure("a:\na:\nexit") == "line 2: duplicate label 'a'")
    #expect(failure("lock fetch xchg [%r1], %r2") == "line 1: 'lock xchg' always fetches; drop 'fetch'")
    #expect(failure("lock nand [%r1], %r2") == "line 1: unknown atomic operation 'nand'")
    #expect(failure("call far 3") == "line 1: unknown call kind 'far' (expected helper, local or runtime)")
    #expect(failure("movsx864 %r1, 5") == "line 1: 'movsx864' needs a register source")
    #expect(failure("mov %r1, twelve") == "line 1: invalid immediate 'twelve'")
    #expect(failure("lddw %r1, map_thing(1)") == "line 1: unknown lddw pseudo form 'map_thing'")
  }

  @Test func assemblesEveryConformanceFile() throws {
    guard let dir = ConformanceSuite.defaultDirectory() else { return }
    let files = try ConformanceSuite.testFiles(in: dir)
    #expect(files.count >= 313)
    for file in files {
      let test = try ConformanceTest.parse(contentsOf: file)
      _ = try Assembler.assemble(test.assembly)
    }
  }
}

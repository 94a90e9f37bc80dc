import Testing

@testable import BPF

@Suite struct ConformanceTestParsingTests {
  @Test func parsesEverySection() throws {
    let text = """
      # comment
      -- asm
      mov %r0, %r2   # trailing comment
      exit
      -- mem
      00 01 02
      ff
      -- result
      0x4
      -- no register offset
      call instruction
      """
    let t = try ConformanceTest.parse(text, name: "t.data")
    #expect(t.assembly.contains("mov %r0, %r2"))
    #expect(!t.assembly.contains("comment"))
    #expect(t.memory == [0, 1, 2, 0xff])
    #expect(t.expectedResult == 4)
    #expect(t.unsupportedSection == nil)
    #expect(ConformanceRunner().run(t) == .passed)
  }

  @Test func rawTakesPrecedenceOverAssembly() throws {
    let t = try ConformanceTest.parse(
      "-- asm\nmov %r0, 1\nexit\n-- raw\n0x00000007000000b7\n0x0000000000000095\n-- result\n7", name: "r")
    #expect(try t.slots() == [Instruction(opcode: 0xb7, imm: 7), Instruction(opcode: 0x95)])
    #expect(ConformanceRunner().run(t) == .passed)
  }

  @Test func errorsAndUnknownSections() throws {
    let failing = try ConformanceTest.parse("-- asm\nja -1\n-- error\ninstruction budget", name: "e")
    #expect(ConformanceRunner().run(failing) == .passed)
    let wrong = try ConformanceTest.parse("-- asm\nmov %r0, 1\nexit\n-- result\n2", name: "w")
    #expect(ConformanceRunner().run(wrong) == .failed("expected 0x2, got 0x1"))
    let unknown = try ConformanceTest.parse("-- asm\nexit\n-- pyelf\nx", name: "u")
    #expect(ConformanceRunner().run(unknown) == .skipped("unsupported section 'pyelf'"))
    let badAsm = try ConformanceTest.parse("-- asm\nfrob %r0\n-- result\n0", name: "b")
    #expect(ConformanceRunner().run(badAsm) == .failed("assembly: line 1: unknown mnemonic 'frob'"))
    #expect(throws: ConformanceError.parse(file: "m", line: 2, "invalid memory byte 'zz'")) {
      try ConformanceTest.parse("-- mem\nzz", name: "m")
    }
    let negative = try ConformanceTest.parse("-- result\n-1", name: "n")
    #expect(negative.expectedResult == UInt64.max)
  }

  @Test func conformanceHelpers() throws {
    let memory = AddressSpace()
    let helpers = ConformanceHelpers.table()
    func call(_ id: Int32, _ r1: UInt64 = 0, _ r2: UInt64 = 0, _ r3: UInt64 = 0, _ r4: UInt64 = 0, _ r5: UInt64 = 0)
      -> HelperResult?
    {
      helpers[id]?(HelperCall(id: id, r1: r1, r2: r2, r3: r3, r4: r4, r5: r5, memory: memory))
    }
    guard case .value(let gathered) = call(0, 0x101, 0x102, 0x103, 0x104, 0x105) else {
      Issue.record()
      return
    }
    #expect(gathered == 0x01_0203_0405)
    let text = try memory.allocate(copying: Array("abc\0abd\0".utf8), kind: .packet, name: "s")
    guard case .value(let order) = call(4, text.address, text.address + 4) else {
      Issue.record()
      return
    }
    #expect(Int64(bitPattern: order) < 0)
    guard case .value(let same) = call(4, text.address, text.address) else {
      Issue.record()
      return
    }
    #expect(same == 0)
    guard case .value(0) = call(1, text.address, 2) else {
      Issue.record()
      return
    }
    #expect(try memory.read(text.address, count: 3) == [0x61 ^ 42, 0x62 ^ 42, 0x63])
    guard case .value(let root) = call(3, 1_000_000) else {
      Issue.record()
      return
    }
    #expect(root == 1000)
    guard case .exit(0) = call(5, 0) else {
      Issue.record()
      return
    }
    guard case .fault = call(1, 0x10, 2) else {
      Issue.record()
      return
    }
  }
}

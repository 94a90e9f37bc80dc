import Testing

@testable import BPF

/// Instruction semantics per class, run through every engine (checked, sanitizing, verified,
/// unfused) which must agree.
@Suite struct InterpreterSemanticsTests {
  let vm = VMHarness()

  func r0(_ body: String) throws -> UInt64 { try vm.result(body + "\nexit") }

  @Test func shiftCountsAreMasked() throws {
    #expect(try r0("mov %r0, 1\nlsh %r0, 65") == 2)
    #expect(try r0("mov32 %r0, 1\nlsh32 %r0, 33") == 2)
    #expect(try r0("mov %r0, 8\nmov %r1, -1\nrsh %r0, %r1") == 0)  // count 63
    #expect(try r0("mov %r0, -8\narsh %r0, 1") == UInt64(bitPattern: -4))
    #expect(try r0("mov32 %r0, -8\narsh32 %r0, 1") == 0xffff_fffc)
    #expect(try r0("lddw %r0, 0x8000000000000000\nmov %r1, 127\narsh %r0, %r1") == UInt64.max)
  }

  @Test func divisionAndModuloByZeroAreDefined() throws {
    #expect(try r0("mov %r0, 7\nmov %r1, 0\ndiv %r0, %r1") == 0)
    #expect(try r0("mov %r0, 7\nmov %r1, 0\nmod %r0, %r1") == 7)
    #expect(try r0("lddw %r0, 0x100000007\nmov %r1, 0\nmod32 %r0, %r1") == 7)  // upper half zeroed
    #expect(try r0("lddw %r0, 0x100000007\nmov %r1, 0\ndiv32 %r0, %r1") == 0)
    #expect(try r0("mov %r0, -7\nsdiv %r0, 0") == 0)
    #expect(try r0("mov %r0, -7\nsmod %r0, 0") == UInt64(bitPattern: -7))
    #expect(try r0("mov32 %r0, -7\nsmod32 %r0, 0") == 0xffff_fff9)
  }

  @Test func signedOverflowIsDefined() throws {
    #expect(try r0("lddw %r0, 0x8000000000000000\nsdiv %r0, -1") == 0x8000_0000_0000_0000)
    #expect(try r0("lddw %r0, 0x8000000000000000\nsmod %r0, -1") == 0)
    #expect(try r0("mov32 %r0, 0x80000000\nsdiv32 %r0, -1") == 0x8000_0000)
    #expect(try r0("mov32 %r0, 0x80000000\nsmod32 %r0, -1") == 0)
    #expect(try r0("mov %r0, -13\nsmod %r0, 3") == UInt64(bitPattern: -1))  // truncated
    #expect(try r0("mov %r0, 13\nsmod %r0, -3") == 1)
    #expect(try r0("mov %r0, -13\nsdiv %r0, 3") == UInt64(bitPattern: -4))
    #expect(try r0("mov %r0, -1\ndiv %r0, -1") == 1)  // imm sign-extended, unsigned divide
  }

  @Test func thirtyTwoBitOperationsZeroExtend() throws {
    #expect(try r0("mov %r0, -1\nadd32 %r0, 1") == 0)
    #expect(try r0("mov %r0, -1\nmov32 %r0, %r0") == 0xffff_ffff)
    #expect(try r0("mov32 %r0, -1") == 0xffff_ffff)
    #expect(try r0("mov %r0, -1") == UInt64.max)
    #expect(try r0("lddw %r0, 0x100000002\nneg32 %r0") == 0xffff_fffe)
    #expect(try r0("mov %r0, 3\nneg %r0") == UInt64(bitPattern: -3))
    #expect(try r0("lddw %r0, 0xffffffff00000003\nmul32 %r0, 3") == 9)
  }

  @Test func signExtension() throws {
    #expect(try r0("mov %r1, 0x80\nmovsx864 %r0, %r1") == 0xffff_ffff_ffff_ff80)
    #expect(try r0("mov %r1, 0x80\nmovsx832 %r0, %r1") == 0xffff_ff80)
    #expect(try r0("mov %r1, 0x8001\nmovsx1664 %r0, %r1") == 0xffff_ffff_ffff_8001)
    #expect(try r0("mov32 %r1, 0x80000000\nmovsx3264 %r0, %r1") == 0xffff_ffff_8000_0000)
    #expect(try r0("stb [%r10-1], 0x80\nldxsb %r0, [%r10-1]") == 0xffff_ffff_ffff_ff80)
    #expect(try r0("sth [%r10-2], -2\nldxsh %r0, [%r10-2]") == UInt64(bitPattern: -2))
    #expect(try r0("stw [%r10-4], -3\nldxsw %r0, [%r10-4]") == UInt64(bitPattern: -3))
    #expect(try r0("stw [%r10-4], -3\nldxw %r0, [%r10-4]") == 0xffff_fffd)
  }

  @Test func byteSwaps() throws {
    let v = "lddw %r0, 0x0123456789abcdef\n"
    #expect(try r0(v + "be16 %r0") == 0xefcd)
    #expect(try r0(v + "be32 %r0") == 0xefcd_ab89)
    #expect(try r0(v + "be64 %r0") == 0xefcd_ab89_6745_2301)
    #expect(try r0(v + "le16 %r0") == 0xcdef)
    #expect(try r0(v + "le32 %r0") == 0x89ab_cdef)
    #expect(try r0(v + "le64 %r0") == 0x0123_4567_89ab_cdef)
    #expect(try r0(v + "bswap16 %r0") == 0xefcd)
    #expect(try r0(v + "bswap64 %r0") == 0xefcd_ab89_6745_2301)
  }

  @Test func jumpsCompareSignedUnsignedAnd32Bit() throws {
    #expect(try r0("mov %r0, 0\nmov %r1, -1\njsgt %r1, 0, +1\nmov %r0, 1") == 1)  // -1 s> 0 is false
    #expect(try r0("mov %r0, 0\nmov %r1, -1\njgt %r1, 0, +1\nmov %r0, 1") == 0)  // unsigned: taken
    #expect(try r0("mov %r0, 0\nlddw %r1, 0x100000000\njeq32 %r1, 0, +1\nmov %r0, 1") == 0)
    #expect(try r0("mov %r0, 0\nlddw %r1, 0x1ffffffff\njslt32 %r1, 0, +1\nmov %r0, 1") == 0)
    #expect(try r0("mov %r0, 0\nmov %r1, 6\njset %r1, 4, +1\nmov %r0, 1") == 0)
    #expect(try r0("mov %r0, 0\nja32 +1\nmov %r0, 1") == 0)
  }

  @Test func atomicsWithAndWithoutFetch() throws {
    let setup = "lddw %r1, 0x100000005\nstxdw [%r10-8], %r1\nmov %r2, 3\n"
    #expect(try r0(setup + "lock add [%r10-8], %r2\nldxdw %r0, [%r10-8]") == 0x1_0000_0008)
    #expect(try r0(setup + "lock fetch add [%r10-8], %r2\nmov %r0, %r2") == 0x1_0000_0005)
    #expect(try r0(setup + "lock fetch add32 [%r10-8], %r2\nmov %r0, %r2") == 5)
    #expect(try r0(setup + "lock add32 [%r10-8], %r2\nldxdw %r0, [%r10-8]") == 0x1_0000_0008)
    #expect(try r0(setup + "lock or [%r10-8], %r2\nldxdw %r0, [%r10-8]") == 0x1_0000_0007)
    #expect(try r0(setup + "lock fetch and [%r10-8], %r2\nldxdw %r0, [%r10-8]") == 1)
    #expect(try r0(setup + "lock fetch xor [%r10-8], %r2\nmov %r0, %r2") == 0x1_0000_0005)
    #expect(try r0(setup + "lock xchg [%r10-8], %r2\nldxdw %r0, [%r10-8]\nadd %r0, %r2") == 0x1_0000_0008)
  }

  @Test func compareExchange() throws {
    let setup = "mov %r1, 5\nstxdw [%r10-8], %r1\nmov %r2, 9\n"
    // Match: memory becomes src, r0 gets the old value.
    #expect(
      try r0(setup + "mov %r0, 5\nlock cmpxchg [%r10-8], %r2\nldxdw %r3, [%r10-8]\nlsh %r3, 8\nor %r0, %r3")
        == 0x905)
    // No match: memory unchanged, r0 gets the old value.
    #expect(
      try r0(setup + "mov %r0, 4\nlock cmpxchg [%r10-8], %r2\nldxdw %r3, [%r10-8]\nlsh %r3, 8\nor %r0, %r3")
        == 0x505)
    // 32-bit compares the low halves and zero-extends the old value into r0.
    #expect(
      try r0(
        setup + "lddw %r0, 0xff00000005\nlock cmpxchg32 [%r10-8], %r2\nldxdw %r3, [%r10-8]\nlsh %r3, 8\nor %r0, %r3")
        == 0x905)
  }

  @Test func localCallsPreserveCalleeSavedRegistersAndUseOwnFrames() throws {
    let source = """
      mov %r6, 6
      stdw [%r10-8], 11
      mov %r1, %r10
      call local f
      ldxdw %r2, [%r10-8]
      add %r0, %r2
      add %r0, %r6
      exit
      f:
      mov %r6, 100
      stdw [%r10-8], 1000
      ldxdw %r0, [%r1-8]
      exit
      """
    // Callee reads the caller's slot (11) through the pointer; caller's r6 and slot survive.
    #expect(try vm.result(source) == 11 + 11 + 6)
  }

  @Test func instructionCountsAreExactAndLDDWCountsOnce() throws {
    let e = try vm.run("lddw %r0, 1\nmov %r1, 3\nloop:\nsub %r1, 1\njne %r1, 0, loop\nexit")
    #expect(e.instructionsExecuted == 1 + 1 + 3 * 2 + 1)
    let traced = try vm.interpreter(.checked).run(
      try vm.program("lddw %r0, 1\nmov %r1, 3\nloop:\nsub %r1, 1\njne %r1, 0, loop\nexit"),
      observer: { _ in })
    #expect(traced == e)
  }

  @Test func helpersGetArgumentsAndMemory() throws {
    var h = vm
    h.helpers[7] = { call in
      guard let v = try? call.memory.load(UInt64.self, from: call.r1) else { return .fault("bad pointer") }
      return .value(v &+ call.r2)
    }
    #expect(try h.result("stdw [%r10-8], 40\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 2\ncall 7\nexit") == 42)
    #expect(try h.result("mov %r2, 7\nmov %r1, %r10\nadd %r1, -8\nstdw [%r10-8], 1\ncall %r2\nexit") == 8)
  }
}

@Suite struct StackDeterminismTests {
  @Test func framesReadAsZeroInEveryRun() throws {
    let vm = VMHarness()
    for mode in [ExecutionMode.checked, .verified] {
      let interpreter = try vm.interpreter(mode)
      let writer = try vm.program(
        "stdw [%r10-8], 77\ncall local +2\nmov %r0, 0\nexit\nstdw [%r10-8], 99\nexit", proof: true)
      // The callee's frame (written with 99 by the first run) must read as zero again.
      let reader = try vm.program(
        "ldxdw %r6, [%r10-8]\ncall local +2\nadd %r0, %r6\nexit\nldxdw %r0, [%r10-8]\nexit",
        proof: true)
      _ = try interpreter.run(writer)
      #expect(try interpreter.run(reader).result == 0)
    }
  }
}

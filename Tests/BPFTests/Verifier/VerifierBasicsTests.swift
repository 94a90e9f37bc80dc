import Testing

@testable import BPF

@Suite struct VerifierBasicsTests {
  @Test func acceptsTheSmallestProgram() throws {
    let r = try VerifierFixtures.verify("mov %r0, 0\nexit")
    #expect(r.succeeded, "\(VerifierFixtures.errors(r))")
    #expect(r.maxLoopCount == 0)
    #expect(VerificationReport(r).text == "Verification succeeded\nProgram terminates within 0 loop iterations\n")
  }

  @Test func rejectsExitWithUninitialisedR0() throws {
    let r = try VerifierFixtures.verify("exit")
    #expect(VerifierFixtures.errors(r) == ["0: Invalid type (r0.type == number)"])
  }

  @Test func readsTheContextWithinBounds() throws {
    let ok = try VerifierFixtures.verify("ldxw %r0, [%r1+44]\nexit")
    #expect(ok.succeeded, "\(VerifierFixtures.errors(ok))")
    let bad = try VerifierFixtures.verify("ldxw %r0, [%r1+54]\nexit")
    #expect(
      VerifierFixtures.errors(bad) == [
        "0: Upper bound must be at most 56 (valid_access(r1.offset+54, width=4) for read)"
      ])
  }
}

@Suite struct VerifierProofTests {
  @Test func theProofListsEveryProvenAccess() throws {
    let source = """
      ldxw %r2, [%r1+44]
      stxw [%r10-4], %r2
      ldxw %r0, [%r10-4]
      exit
      """
    let r = try VerifierFixtures.verify(source)
    #expect(r.proof?.safeAccesses == [0, 1, 2])
    // The interpreter runs it with those checks dropped, with the same result as checked mode.
    let code = try #require(r.program)
    let memory = AddressSpace()
    let context = try memory.allocate(
      copying: [UInt8](repeating: 0, count: 44) + [7, 0, 0, 0] + [UInt8](repeating: 0, count: 8), kind: .context,
      name: "ctx")
    let verified = try Interpreter(configuration: .init(mode: .verified), memory: memory)
    let checked = try Interpreter(configuration: .init(mode: .checked), memory: memory)
    let program = try Program(code, proof: r.proof)
    #expect(try verified.run(program, arguments: [context.address]).result == 7)
    #expect(try checked.run(program, arguments: [context.address]).result == 7)
  }

  @Test func failedProgramsHaveNoProof() throws {
    let r = try VerifierFixtures.verify("ldxw %r0, [%r1+44]\nldxw %r0, [%r1+60]\nexit")
    #expect(r.proof == nil)
  }

  @Test func unreachableCodeIsANoteNotAnError() throws {
    let r = try VerifierFixtures.verify(
      "mov %r0, 0\nja +2\nmov %r0, 1\nmov %r0, 2\nexit", options: VerifierOptions(level: .verbose))
    #expect(r.succeeded)
    #expect(r.notes.map(\.description) == ["2: Code is unreachable"])
    #expect(VerificationReport(r, level: .verbose).text.contains("Notes:\n2: Code is unreachable\n"))
  }

  @Test func deadBranchesAreNotChecked() throws {
    // r2 is 5, so the branch to the bad load is never taken.
    let r = try VerifierFixtures.verify("mov %r2, 5\nmov %r0, 0\njeq %r2, 0, +1\nexit\nldxdw %r0, [%r1+100]\nexit")
    #expect(r.succeeded, "\(VerifierFixtures.errors(r))")
  }
}

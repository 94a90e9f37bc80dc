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

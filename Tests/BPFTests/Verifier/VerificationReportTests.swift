import Testing

@testable import BPF

/// The netsh `show verification` text and the report levels.
@Suite struct VerificationReportTests {
  static func lines(_ pc: Int) -> VerificationReport.SourceLine? {
    pc < 3
      ? .init(file: "./probe.c", line: 10, text: "    int x = 0;")
      : .init(file: "./probe.c", line: 12, text: "    return x;")
  }

  @Test func failureFormatMatchesNetsh() throws {
    let r = try VerifierFixtures.verify("mov %r0, 0\nldxw %r0, [%r1+60]\nldxw %r0, [%r1+62]\nmov %r0, %r1\nexit")
    let text = VerificationReport(r, lineInfo: Self.lines).text
    #expect(
      text == """
        Verification failed

        Verification report:

        ; ./probe.c:10
        ;     int x = 0;

        1: Upper bound must be at most 56 (valid_access(r1.offset+60, width=4) for read)
        2: Upper bound must be at most 56 (valid_access(r1.offset+62, width=4) for read)

        ; ./probe.c:12
        ;     return x;

        4: Invalid type (r0.type == number)

        3 errors


        """)
    #expect(VerificationReport(r).text.hasPrefix("Verification failed\n\nVerification report:\n1: Upper bound"))
  }

  @Test func successReportsTheLoopBound() throws {
    let r = try VerifierFixtures.verify("mov %r0, 0\nl:\nadd %r0, 1\njne %r0, 3, l\nexit")
    #expect(VerificationReport(r).text == "Verification succeeded\nProgram terminates within 3 loop iterations\n")
    #expect(!VerificationReport(r).isFailure)
  }

  @Test func informationalAddsTheFailureSlice() throws {
    let r = try VerifierFixtures.verify(
      "mov %r6, %r1\nmov %r2, 4\nmov %r3, %r6\nadd %r3, %r2\nldxdw %r0, [%r3+52]\nexit",
      options: VerifierOptions(level: .informational))
    let text = VerificationReport(r, level: .informational).text
    #expect(text.contains("4: Upper bound must be at most 56 (valid_access(r3.offset+52, width=8) for read)"))
    #expect(text.contains("; failure slice:"))
    #expect(text.contains("r3 += r2\t[r2.type=number, r2.svalue=4, r3.type=ctx, r3.ctx_offset=0]"))
  }

  @Test func verboseShowsStatesAndNotes() throws {
    let r = try VerifierFixtures.verify(
      "ldxw %r2, [%r1+44]\nmov %r0, 10\ndiv %r0, %r2\nexit", options: VerifierOptions(level: .verbose))
    let text = VerificationReport(r, level: .verbose).text
    #expect(text.contains("Pre-invariant : [\n    r1.type=ctx,\n    r1.ctx_offset=0,"))
    #expect(text.contains("       2:\tr0 /= r2\nPost-invariant"))
    #expect(text.contains("Notes:\n2: Possible division by zero (r2 != 0); allowed: the result is defined\n"))
    #expect(text.hasSuffix("Verification succeeded\nProgram terminates within 0 loop iterations\n"))
    // Normal level: no notes, no states.
    #expect(VerificationReport(r).text == "Verification succeeded\nProgram terminates within 0 loop iterations\n")
  }

  @Test func statisticsCountLikePrevail() throws {
    // netsh's golden `show sections bpf.o .text level=verbose`: r0 = 0; exit.
    let r = try VerifierFixtures.verify("mov %r0, 0\nexit")
    let expected: [String: Int] = [
      "arith": 0, "arith32": 0, "arith64": 1, "assign": 1, "call_1": 0, "call_mem": 0, "call_nomem": 0,
      "instructions": 4, "joins": 0, "jumps": 0, "load": 0, "load_store": 0, "map_in_map": 0, "other": 3,
      "packet_access": 0, "reallocate": 0, "store": 0,
    ]
    for key in VerifierStatistics.keys { #expect(r.statistics[key] == expected[key], "\(key)") }
    #expect(r.statistics.instructionCount == 2)
  }

  @Test func decodeErrorsAreReported() {
    let verifier = Verifier(environment: VerifierFixtures.bind)
    let partial = verifier.verify(bytes: [0x95, 0, 0, 0])
    #expect(partial.errors.count == 1 && !partial.succeeded && partial.program == nil)
    let unknown = verifier.verify(slots: [Instruction(opcode: 0xff), Instruction(opcode: 0x95)])
    #expect(unknown.errors.map(\.description) == ["0: bad instruction op 0xff"])
  }
}

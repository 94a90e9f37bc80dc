import Testing

@testable import BPF

/// Soundness by execution: programs the verifier accepts never trap in the sanitizing interpreter
/// (no out-of-bounds access, uninitialised read, null dereference, runaway loop). A few thousand
/// seeded programs run here; `ntsh-bench soundness N` runs many more.
@Suite struct VerifierSoundnessTests {
  @Test(arguments: SoundnessHarness.Hook.allCases)
  func acceptedRandomProgramsNeverTrap(_ hook: SoundnessHarness.Hook) throws {
    let harness = SoundnessHarness(hook: hook)
    let verifier = Verifier(environment: harness.environment)
    var generator = ProgramGenerator(hook: hook, seed: 0x5EED_0000 + UInt64(hook.rawValue.count))
    var accepted = 0
    var rejected = 0
    var violations: [String] = []
    for n in 0..<1000 {
      guard let program = generator.next() else { continue }
      let result = verifier.verify(program)
      guard result.succeeded else {
        rejected += 1
        continue
      }
      accepted += 1
      let found = harness.check(program, proof: result.proof, runs: 4, seed: UInt64(n), loopBound: result.maxLoopCount)
      if let v = found.first, violations.count < 5 {
        violations.append("program \(n): \(v)\n" + KernelSyntax().listing(program))
      }
    }
    #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    // Both verdicts occur often enough for the check to mean something.
    #expect(accepted > 150, "accepted \(accepted)")
    #expect(rejected > 150, "rejected \(rejected)")
  }
}

/// The harness itself must catch what it is meant to catch: unsafe programs (run without a
/// proof) trap on some input.
@Suite struct SoundnessHarnessTests {
  static let unsafe: [(SoundnessHarness.Hook, String)] = [
    (.bind, "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map_fd(1)\ncall 1\nldxdw %r0, [%r0+0]\nexit"),
    (
      .xdp,
      "ldxdw %r2, [%r1+0]\nldxdw %r3, [%r1+8]\nmov %r4, %r2\nadd %r4, 14\nmov %r0, 0\njgt %r4, %r3, +1\n"
        + "ldxb %r0, [%r2+14]\nexit"
    ),
    (.plain, "ldxdw %r0, [%r10-8]\nexit"),
    (.plain, "mov %r0, %r3\nexit"),
    (.bind, "ldxdw %r1, [%r1+16]\nmov %r0, 0\nl:\nadd %r0, 1\njne %r0, %r1, l\nexit"),
    // Once accepted: a non-zero number as a "memory or null" helper argument.
    (.plain, "mov %r1, 12345\nmov %r2, 4\nmov %r3, 0\nmov %r4, 0\nmov %r5, 0\ncall 10\nmov %r0, 0\nexit"),
    // Once accepted: the size checked before a call to a subprogram that moves the data start.
    (
      .xdp,
      "mov %r6, %r1\nldxdw %r2, [%r6+0]\nldxdw %r3, [%r6+8]\nmov %r4, %r2\nadd %r4, 14\nmov %r0, 0\n"
        + "jgt %r4, %r3, out\nmov %r1, %r6\ncall local f\nldxdw %r2, [%r6+0]\nldxb %r0, [%r2+13]\nout:\nexit\n"
        + "f:\nmov %r2, 13\ncall 65536\nmov %r0, 0\nexit"
    ),
  ]

  @Test func unsafeProgramsTrapOnSomeInput() throws {
    for (hook, source) in Self.unsafe {
      let program = try DecodedProgram(slots: Assembler.assemble(source))
      let harness = SoundnessHarness(hook: hook)
      #expect(!Verifier(environment: harness.environment).verify(program).succeeded, "\(source)")
      #expect(!harness.check(program, proof: nil, runs: 16, seed: 7).isEmpty, "\(source)")
    }
  }

  @Test(arguments: [
    "ldxw %r0, [%r1+4]\nexit",
    // A null memory-or-null argument with a non-zero size (found by `ntsh-bench soundness --seed 7`):
    // accepted as PREVAIL does, and the helper skips the null buffer.
    "mov %r1, 0\nmov %r2, 0\nmov %r3, 0\nmov %r4, 1\nmov %r5, 0\ncall 10\nmov %r0, 0\nexit",
  ])
  func safeProgramsRunCleanly(_ source: String) throws {
    let program = try DecodedProgram(slots: Assembler.assemble(source))
    let harness = SoundnessHarness(hook: .plain)
    let result = Verifier(environment: harness.environment).verify(program)
    #expect(result.succeeded)
    #expect(harness.check(program, proof: result.proof, runs: 8, seed: 1).isEmpty)
  }
}

extension Array where Element == UInt8 {
  /// Decodes base64 (libFuzzer prints crashing inputs that way); empty on malformed text.
  init(base64 text: String) {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var values: [UInt8: UInt32] = [:]
    for (i, c) in alphabet.enumerated() { values[c] = UInt32(i) }
    var out: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for c in text.utf8 where c != UInt8(ascii: "=") {
      guard let v = values[c] else {
        self = []
        return
      }
      buffer = buffer << 6 | v
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
      }
    }
    self = out
  }
}

/// Inputs the verifier fuzz target (`Fuzz/run.sh verifier`) once failed on, replayed.
@Suite struct VerifierFuzzRegressionTests {
  static let inputs: [(String, [UInt8])] = [
    // An invalid map index in dead code was accepted; the runtime could not prepare the program.
    (
      "invalid map index in dead code",
      [
        0x81, 0x07, 0x01, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0x01,
      ]
    ),
    // An irreducible loop whose head is reached only by its back edge was analysed as
    // unreachable; its uninitialised read of r3 went unnoticed.
    (
      "irreducible loop head reached by its back edge",
      Array(
        base64:
          "ALQAAAAAAAAAeRIIAAAAAAB5EQsAAAAAAD0hDgAAAAAAtAUAAAAAAAAdAAQAAAAAAAxDAAAAAAAABwEAAAEAAACtIQEAAAAAAAUABQAAAAAAbhUAAAAAAAC0BAAAAQAAABYF9P9cAAAArgQAAAAAAAAFAPf/AAAAALQAAAABAAAAJgMBAAMAAAC0AAAAAAAAAJUAAAAAAAAA"
      )
    ),
  ]

  @Test(arguments: inputs.map(\.1))
  func replay(_ bytes: [UInt8]) throws {
    let input = try #require(ProgramGenerator.fuzzCase(bytes))
    let harness = SoundnessHarness(hook: input.hook)
    let verifier = Verifier(
      environment: harness.environment, options: VerifierOptions(maxInstructions: 4096, analysisBudget: 200_000))
    let result = verifier.verify(bytes: input.code)
    if result.succeeded, let program = result.program {
      let violations = harness.check(program, proof: result.proof, runs: 2, seed: UInt64(bytes.count))
      #expect(violations.isEmpty, "\(violations)")
    }
  }
}

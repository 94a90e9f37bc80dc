import BPF

/// libFuzzer entry for the verifier; the input format is `ProgramGenerator.fuzzCase`'s (raw
/// instructions, or a generator seed plus mutations, for one of three hooks).
///
/// Every input is verified with a bounded analysis budget (bounded time per program); a program
/// the verifier accepts runs twice in the sanitizing interpreter and in verified mode, and any trap
/// or disagreement — a soundness violation — aborts so libFuzzer records the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifier(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let input = ProgramGenerator.fuzzCase(Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
  let harness = harnesses[SoundnessHarness.Hook.allCases.firstIndex(of: input.hook) ?? 0]
  let level: VerificationLevel = input.verbose ? .verbose : .normal
  let verifier = Verifier(
    environment: harness.environment,
    options: VerifierOptions(level: level, maxInstructions: 4096, analysisBudget: 200_000))
  let result = verifier.verify(bytes: input.code)
  _ = VerificationReport(result, level: level).text
  guard result.succeeded, let program = result.program else { return 0 }
  let violations = harness.check(
    program, proof: result.proof, runs: 2, seed: UInt64(size), loopBound: result.maxLoopCount)
  if let v = violations.first {
    fatalError("soundness violation: \(v)\n" + KernelSyntax().listing(program))
  }
  return 0
}

/// One harness per hook.
nonisolated(unsafe) let harnesses = SoundnessHarness.Hook.allCases.map { SoundnessHarness(hook: $0) }

import BPF

/// libFuzzer entry for the verifier. Byte 0 picks the hook (low two bits: bind, xdp, plain) and
/// the mode: with bit 7 clear the rest is raw instruction bytes; with bit 7 set, bytes 1–8 seed
/// the soundness generator and the remaining bytes are XORed into the generated program's bytes
/// (structure the fuzzer can mutate). Bit 6 asks for a verbose report (exercising the printers).
///
/// Every input is verified with a bounded analysis budget (bounded time per program); a program
/// the verifier accepts runs twice in the sanitizing interpreter, and a trap there — a soundness
/// violation — aborts the run so libFuzzer records the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifier(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let head = bytes.first else { return 0 }
  let hooks = SoundnessHarness.Hook.allCases
  let harness = harnesses[Int(head & 3) % hooks.count]
  var code: [UInt8]
  if head & 0x80 != 0 {
    var seed: UInt64 = 0
    for b in bytes.dropFirst().prefix(8) { seed = seed << 8 | UInt64(b) }
    var generator = ProgramGenerator(hook: harness.hook, seed: seed)
    guard let program = generator.next() else { return 0 }
    code = program.slots.flatMap { slot -> [UInt8] in
      let raw = slot.raw
      return (0..<8).map { UInt8(truncatingIfNeeded: raw >> (8 * UInt64($0))) }
    }
    for (i, b) in bytes.dropFirst(9).enumerated() where !code.isEmpty { code[(i * 7) % code.count] ^= b }
  } else {
    code = Array(bytes.dropFirst())
  }
  code.removeLast(code.count % 8)
  let level: VerificationLevel = head & 0x40 != 0 ? .verbose : .normal
  let verifier = Verifier(
    environment: harness.environment,
    options: VerifierOptions(level: level, maxInstructions: 4096, analysisBudget: 200_000))
  let result = verifier.verify(bytes: code)
  _ = VerificationReport(result, level: level).text
  guard result.succeeded, let program = result.program else { return 0 }
  let violations = harness.check(
    program, proof: result.proof, runs: 2, seed: UInt64(size), loopBound: result.maxLoopCount)
  if let v = violations.first {
    fatalError("soundness violation: \(v)\n" + KernelSyntax().listing(program))
  }
  return 0
}

/// One harness per hook (building one allocates nothing per run).
nonisolated(unsafe) let harnesses = SoundnessHarness.Hook.allCases.map { SoundnessHarness(hook: $0) }

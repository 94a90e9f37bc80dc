import BPF
import EBPFRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Bench {
  /// `ntsh-bench verify FILE.o|synthetic`: verification time of every program of an object, or of
  /// the synthetic programs (10,000 straight-line instructions; nested loops), best of 5, with
  /// the time per instruction.
  @Sendable static func verify(_ arguments: [String]) -> Int32 {
    let rest = positional(arguments)
    guard rest.count == 1 else { return usage("verify needs FILE.o or 'synthetic'") }
    var rows: [(String, Int, () -> VerificationResult)] = []
    if rest[0] == "synthetic" {
      let env = VerifierEnvironment(programType: .bind, maps: [])
      for (name, program) in [
        ("straight-line", SyntheticPrograms.straightLine(count: 10_000)),
        ("nested-loops", SyntheticPrograms.nestedLoops()),
        ("branchy", SyntheticPrograms.branchy(count: 10_000)),
      ] {
        guard let program else { return usage("synthetic program \(name) did not decode") }
        let verifier = Verifier(environment: env)
        rows.append((name, program.count, { verifier.verify(program) }))
      }
    } else {
      do {
        let object = try BPFObject.load(bytes: try readFile(rest[0]))
        for p in object.programs {
          guard let type = SectionResolver.programType(forSection: p.sectionName) else {
            Bench.printError("skipping \(p.name): no program type for section \(p.sectionName)\n")
            continue
          }
          let check = try ProgramVerification(object: object, program: p, type: type)
          let count = (try? DecodedProgram(slots: check.program.instructions).count) ?? check.program.instructions.count
          rows.append((p.name, count, { check.verify() }))
        }
      } catch {
        return usage("\(rest[0]): \(error)")
      }
    }
    print(
      "program".padding(24) + "insns".padding(8) + "verdict".padding(10) + "loops".padding(10) + "ms".padding(10)
        + "ns/insn")
    for (name, count, run) in rows {
      var best = UInt64.max
      var result: VerificationResult? = nil
      for _ in 0..<5 {
        let start = now()
        result = run()
        best = min(best, now() - start)
      }
      let verdict = result?.succeeded == true ? "accepted" : "rejected"
      let ms = Double(best) / 1e6
      print(
        name.padding(24) + String(count).padding(8) + verdict.padding(10)
          + String(result?.maxLoopCount ?? 0).padding(10)
          + format(ms, 3).padding(10) + format(Double(best) / Double(max(count, 1)), 1))
    }
    return 0
  }

  /// `ntsh-bench soundness N [--seed S] [--runs R]`: N random programs per hook; every one the
  /// verifier accepts runs R times in the sanitizing interpreter; prints the counts and any trap.
  @Sendable static func soundness(_ arguments: [String]) -> Int32 {
    let rest = positional(arguments)
    guard rest.count == 1, let n = Int(rest[0]), n > 0 else { return usage("soundness needs N") }
    let seed = option("--seed", in: arguments).flatMap { UInt64($0) } ?? 1
    let runs = option("--runs", in: arguments).flatMap { Int($0) } ?? 4
    let start = now()
    var totalViolations = 0
    var verifyTime: UInt64 = 0
    var runTime: UInt64 = 0
    var slowest: (UInt64, Int, String) = (0, 0, "")
    print(
      "hook".padding(8) + "programs".padding(10) + "accepted".padding(10) + "rejected".padding(10)
        + "runs".padding(10) + "violations")
    for hook in SoundnessHarness.Hook.allCases {
      let harness = SoundnessHarness(hook: hook)
      let verifier = Verifier(environment: harness.environment)
      var generator = ProgramGenerator(hook: hook, seed: seed &* 1_000_003 &+ UInt64(hook.rawValue.utf8.count))
      var accepted = 0
      var executed = 0
      var violations = 0
      for i in 0..<n {
        guard let program = generator.next() else { continue }
        let t0 = now()
        let result = verifier.verify(program)
        let t1 = now()
        verifyTime += t1 - t0
        if t1 - t0 > slowest.0 { slowest = (t1 - t0, i, hook.rawValue) }
        guard result.succeeded else { continue }
        accepted += 1
        let found = harness.check(
          program, proof: result.proof, runs: runs, seed: UInt64(i), loopBound: result.maxLoopCount)
        runTime += now() - t1
        executed += runs
        if let v = found.first {
          violations += 1
          if violations <= 3 { print("VIOLATION \(hook) program \(i): \(v)\n" + KernelSyntax().listing(program)) }
        }
      }
      totalViolations += violations
      print(
        hook.rawValue.padding(8) + String(n).padding(10) + String(accepted).padding(10)
          + String(n - accepted).padding(10)
          + String(executed).padding(10) + String(violations))
    }
    print(
      "elapsed \(format(Double(now() - start) / 1e9, 1)) s (verifying \(format(Double(verifyTime) / 1e9, 1)) s, "
        + "running \(format(Double(runTime) / 1e9, 1)) s; "
        + "slowest verification \(format(Double(slowest.0) / 1e6, 1)) ms, "
        + "\(slowest.2) program \(slowest.1))")
    return totalViolations == 0 ? 0 : 1
  }

  static func format(_ v: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (v * scale).rounded() / scale
    return String(r)
  }
}

/// Programs built to measure the verifier.
enum SyntheticPrograms {
  /// `count` straight-line instructions: context reads, arithmetic, spills and fills, pointer
  /// moves and helper calls, ending in `exit`.
  static func straightLine(count: Int) -> DecodedProgram? {
    var insns: [DecodedInstruction] = [.alu(.mov, .bits64, dst: .r6, source: .register(.r1))]
    var k = 0
    while insns.count < count - 2 {
      let slot = Int16(-8 * (1 + k % 32))
      let body: [DecodedInstruction] = [
        .load(.word, signExtending: false, dst: .r2, base: .r6, offset: 44),
        .alu(.add, .bits64, dst: .r2, source: .immediate(Int32(k % 100))),
        .alu(.and, .bits64, dst: .r2, source: .immediate(0xff)),
        .store(.doubleWord, base: .r10, offset: slot, value: .register(.r2)),
        .load(.doubleWord, signExtending: false, dst: .r3, base: .r10, offset: slot),
        .alu(.mul, .bits32, dst: .r3, source: .immediate(3)),
        .alu(.mov, .bits64, dst: .r4, source: .register(.r10)),
        .alu(.add, .bits64, dst: .r4, source: .immediate(Int32(slot))),
        .load(.byte, signExtending: false, dst: .r5, base: .r4, offset: 0),
        .alu(.xor, .bits64, dst: .r5, source: .register(.r3)),
        .store(.word, base: .r10, offset: slot, value: .register(.r5)),
        .alu(.mov, .bits64, dst: .r1, source: .register(.r10)),
        .alu(.add, .bits64, dst: .r1, source: .immediate(Int32(slot))),
        .alu(.mov, .bits64, dst: .r2, source: .immediate(4)),
        .call(helper: 12),
      ]
      insns += body.prefix(max(0, count - 2 - insns.count))
      k += 1
    }
    insns += [.alu(.mov, .bits64, dst: .r0, source: .immediate(0)), .exit]
    return decode(insns)
  }

  /// Three nested counted loops (10 x 10 x 10) over a stack array.
  static func nestedLoops() -> DecodedProgram? {
    let s = """
      mov %r0, 0
      stdw [%r10-8], 0
      stdw [%r10-16], 0
      mov %r1, 0
      l1:
      mov %r2, 0
      l2:
      mov %r3, 0
      l3:
      mov %r4, %r3
      and %r4, 15
      mov %r5, %r10
      add %r5, -16
      add %r5, %r4
      ldxb %r4, [%r5+0]
      add %r0, %r4
      stxb [%r5+0], %r0
      add %r3, 1
      jne %r3, 10, l3
      add %r2, 1
      jlt %r2, 10, l2
      add %r1, 1
      jne %r1, 10, l1
      exit
      """
    return try? DecodedProgram(slots: Assembler.assemble(s))
  }

  /// `count` instructions of diamonds: each tests a context field and joins again.
  static func branchy(count: Int) -> DecodedProgram? {
    var insns: [DecodedInstruction] = [
      .alu(.mov, .bits64, dst: .r6, source: .register(.r1)), .alu(.mov, .bits64, dst: .r0, source: .immediate(0)),
    ]
    var k = 0
    while insns.count < count - 8 {
      insns += [
        .load(.word, signExtending: false, dst: .r2, base: .r6, offset: 44),
        .branch(.gt, .bits64, dst: .r2, source: .immediate(Int32(k % 7)), offset: 2),
        .alu(.add, .bits64, dst: .r0, source: .immediate(1)),
        .jump(offset: 1, long: false),
        .alu(.add, .bits64, dst: .r0, source: .immediate(2)),
        .alu(.and, .bits64, dst: .r0, source: .immediate(0xffff)),
      ]
      k += 1
    }
    insns += [.exit]
    return decode(insns)
  }

  static func decode(_ insns: [DecodedInstruction]) -> DecodedProgram? {
    try? DecodedProgram(slots: insns.flatMap { $0.encode() })
  }
}

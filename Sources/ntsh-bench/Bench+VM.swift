import BPF

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Bench {
  /// `ntsh-bench vm FILE N`: runs the `.text` entry of a clang-built object (or a raw `.bin` of
  /// instructions) with r1 = the benchmark context of ../shared/bench (`struct bench_ctx`:
  /// n, out, data[65536] filled as native_main.c does) and r2 = its length. Prints the result, the
  /// instructions executed and `ns/insn: X` (best of 5).
  @Sendable static func vm(_ arguments: [String]) -> Int32 {
    let rest = positional(arguments)
    guard rest.count == 2, let n = UInt64(rest[1]) else { return usage("vm needs FILE and N") }
    let modeName = option("--mode", in: arguments) ?? "checked"
    guard ["checked", "sanitizing", "unchecked"].contains(modeName) else {
      return usage("unknown mode '\(modeName)' (checked, sanitizing or unchecked)")
    }
    let slots: [Instruction]
    do {
      let bytes = try readFile(rest[0])
      slots = rest[0].hasSuffix(".bin") ? Instruction.decode(bytes) : try entryCode(of: bytes)
    } catch {
      return usage("\(rest[0]): \(error)")
    }
    do {
      return try measure(slots: slots, n: n, modeName: modeName)
    } catch {
      Bench.printError("ntsh-bench: \(error)\n")
      return 1
    }
  }

  /// The linked code of an object's first `.text` function (the kernels of ../shared/bench are
  /// plain functions), or of its first program section, as the BPF module's loader reads it.
  static func entryCode(of bytes: [UInt8]) throws -> [Instruction] {
    let object = try BPFObject.load(bytes: bytes)
    guard let entry = object.subprograms.first ?? object.programs.first else {
      throw BenchError("the object has no code")
    }
    return try object.link(entry).instructions
  }

  /// Size of `struct bench_ctx`.
  static let contextSize = 16 + 65536

  static func measure(slots: [Instruction], n: UInt64, modeName: String) throws -> Int32 {
    var program = try Program(slots: slots, name: ".text")
    let memory = AddressSpace()
    let context = try memory.allocate(size: contextSize, kind: .context, name: "bench_ctx")
    let budget: UInt64 = 1 << 40
    let mode: ExecutionMode
    switch modeName {
    case "sanitizing": mode = .sanitizing
    case "unchecked":
      // The kernels are deterministic: a checked run with the same input makes exactly the
      // accesses the unchecked runs will make, so proving them safe once here is sound.
      resetContext(memory.bytes(of: context), n: n)
      let check = try Interpreter(configuration: .init(mode: .checked, instructionBudget: budget), memory: memory)
      _ = try check.run(program, arguments: [context.address, UInt64(contextSize)])
      let accesses = Set(
        program.code.instructions.compactMap { pc, insn -> Int? in
          switch insn {
          case .load, .store, .atomic: pc
          default: nil
          }
        })
      program = try Program(program.code, name: ".text", proof: VerificationProof(safeAccesses: accesses))
      mode = .verified
    default: mode = .checked
    }
    let interpreter = try Interpreter(configuration: .init(mode: mode, instructionBudget: budget), memory: memory)
    var best = UInt64.max
    var last: Execution?
    for _ in 0..<5 {
      resetContext(memory.bytes(of: context), n: n)
      let t0 = now()
      let run = try interpreter.run(program, arguments: [context.address, UInt64(contextSize)])
      let t1 = now()
      best = min(best, t1 - t0)
      last = run
    }
    guard let last else { return 1 }
    print("result: 0x\(String(last.result, radix: 16))")
    print("instructions: \(last.instructionsExecuted)")
    print("mode: \(modeName)")
    let perInsn = Double(best) / Double(max(last.instructionsExecuted, 1))
    print("ns/insn: \(format(perInsn))")
    return 0
  }

  /// `n`, `out = 0`, `data[i] = (u8)(i * 131 + 7)`.
  static func resetContext(_ bytes: UnsafeMutableRawBufferPointer, n: UInt64) {
    bytes.storeBytes(of: n.littleEndian, toByteOffset: 0, as: UInt64.self)
    bytes.storeBytes(of: 0, toByteOffset: 8, as: UInt64.self)
    for i in 0..<65536 { bytes[16 + i] = UInt8(truncatingIfNeeded: i &* 131 &+ 7) }
  }

  static func format(_ v: Double) -> String {
    let scaled = (v * 1000).rounded()
    let whole = Int(scaled) / 1000
    let frac = Int(scaled) % 1000
    let f = String(frac)
    return "\(whole)." + String(repeating: "0", count: 3 - f.count) + f
  }

  static func readFile(_ path: String) throws -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw BenchError("cannot open: \(String(cString: strerror(errno)))") }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
      bytes.append(contentsOf: chunk[0..<got])
      if got < chunk.count { return bytes }
    }
  }
}

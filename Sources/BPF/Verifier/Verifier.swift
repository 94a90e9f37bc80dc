/// ntsh's eBPF verifier: proves a program safe before it runs, PREVAIL-style, or explains why not.
///
/// The analysis is an abstract interpretation over the program's control-flow graph (local calls
/// inlined per call site): each register has a type set, signed/unsigned ranges and known bits;
/// a zone (difference-bound matrix) relates register values, pointer offsets, the data size and
/// loop counters; the stack tracks initialised bytes and spilled values. See `AbstractMachine` for
/// the rules checked, `Analyzer` for the fixpoint and termination check.
///
/// The proof (`VerificationProof`) lets verified-mode runs drop bounds checks, so the runtime must
/// keep the promises the analysis makes on its behalf:
/// - a helper with a writable-memory argument writes the whole buffer (PREVAIL's assumption; a
///   shorter copy zero-fills the rest);
/// - data regions (packet, app id) hold at most `dataSizeLimit` (65,535) bytes, with any metadata
///   just before the data in the same region;
/// - the context's writable bytes are the complement of `readOnlyRanges`; the bind app id is
///   read-only (`dataWritable` false), packets are writable;
/// - a lookup result points at `valueSize` bytes of the map's value; read-only maps (`.rodata`)
///   are registered read-only; a value's memory stays mapped after the entry is deleted or
///   evicted (the runtime's maps keep their values in one fixed buffer), since deleting does not
///   invalidate lookup results here;
/// - LDDW `map_idx N` names `environment.maps[N]`, `map_fd N` goes through `mapIndexByFD`;
/// - the interpreter has `maxCallDepth` frames (8 by default, as `Interpreter`).
///
/// Soundness is checked by execution (`SoundnessHarness`, `ntsh-bench soundness N`, and the
/// `verifier` fuzz target): accepted programs run in the sanitizing interpreter, then in verified
/// mode, and must never trap.
///
/// ```swift
/// let result = Verifier(environment: env).verify(program)
/// if result.succeeded { let program = try Program(code, proof: result.proof) }
/// print(VerificationReport(result, level: .normal).text)
/// ```
public struct Verifier: Sendable {
  /// What the program may use.
  public var environment: VerifierEnvironment
  /// Limits and the report level.
  public var options: VerifierOptions

  /// Creates a verifier.
  public init(environment: VerifierEnvironment, options: VerifierOptions = VerifierOptions()) {
    self.environment = environment
    self.options = options
  }

  /// Verifies raw instruction slots (decoding errors are verification errors).
  public func verify(slots: [Instruction]) -> VerificationResult {
    do {
      return verify(try DecodedProgram(slots: slots))
    } catch {
      return Self.failure(error)
    }
  }

  /// Verifies little-endian instruction bytes.
  public func verify(bytes: [UInt8]) -> VerificationResult {
    do {
      return verify(try DecodedProgram(bytes: bytes))
    } catch {
      return Self.failure(error)
    }
  }

  /// Verifies a decoded program.
  public func verify(_ program: DecodedProgram) -> VerificationResult {
    let statistics = VerifierStatistics(program: program, environment: environment)
    var result = VerificationResult(
      errors: [], notes: [], maxLoopCount: 0, loopBounds: [], statistics: statistics, proof: nil, program: program,
      invariants: [], slices: [])
    if program.count > options.maxInstructions {
      result.errors = [
        VerificationMessage(
          pc: 0, text: "Program is too large (\(program.count) instructions; the limit is \(options.maxInstructions))")
      ]
      return result
    }
    // Like PREVAIL's unmarshaller, refuse what no execution could use wherever it appears
    // (the runtime could not even prepare such a program), before any analysis.
    let structural = structuralErrors(program)
    if !structural.isEmpty {
      result.errors = Self.messages(structural)
      return result
    }
    let graph = ProgramGraph(
      code: program, maxDepth: options.maxCallDepth, maxInstructionVisits: options.maxInstructions)
    var errors: [Int: [String]] = [:]
    for (i, message) in graph.errors {
      errors[program.instructions[i].pc, default: []].append(message)
    }
    let analyzer = Analyzer(graph: graph, environment: environment, options: options)
    if errors.isEmpty, let (pc, message) = analyzer.nestingError() { errors[pc, default: []].append(message) }
    if errors.isEmpty { analyzer.run() }
    if analyzer.exhausted {
      errors[0, default: []].append(
        "Program is too complex to verify (the analysis spent its budget of \(options.analysisBudget) steps: instruction visits, weighted by loop nesting, plus the states kept)"
      )
    }
    var notes: [Int: [String]] = [:]
    var outcome = Analyzer.Outcome()
    if errors.isEmpty {
      let recorder = StateRecorder(
        level: options.level, graph: graph, environment: environment, loopHeads: analyzer.loopHeads(around:))
      outcome = analyzer.check(visit: recorder.wantsStates ? recorder.record : nil)
      for (pc, list) in outcome.errors { errors[pc, default: []].append(contentsOf: list) }
      notes = outcome.notes
      for range in Self.unreachableRanges(program, reached: outcome.reached) {
        notes[range.lowerBound, default: []].append("Code is unreachable")
      }
      result.invariants = recorder.entries
      result.maxLoopCount = outcome.maxLoopCount
      result.loopBounds = outcome.loopBounds.map { LoopBound(pc: $0.pc, bound: $0.bound) }
      result.errors = Self.messages(errors)
      if options.level == .informational {
        result.slices = result.errors.map { recorder.slice(for: $0) }
      }
    } else {
      result.errors = Self.messages(errors)
    }
    result.notes = Self.messages(notes)
    if result.errors.isEmpty {
      result.proof = VerificationProof(safeAccesses: outcome.accessesReached.subtracting(outcome.accessesFailed))
    }
    return result
  }

  /// Instructions invalid in this environment wherever they are: unknown maps and helpers,
  /// unsupported instructions.
  func structuralErrors(_ program: DecodedProgram) -> [Int: [String]] {
    var errors: [Int: [String]] = [:]
    for (pc, insn) in program.instructions {
      let message: String?
      switch insn {
      case .loadImmediate64(_, let value):
        switch value {
        case .mapByFD(let fd), .mapValue(let fd, _):
          message = environment.mapIndex(for: value) == nil ? "invalid map fd \(fd)" : nil
        case .mapByIndex(let i), .mapValueByIndex(let i, _):
          message = environment.mapIndex(for: value) == nil ? "invalid map index \(i)" : nil
        case .variableAddress(let id):
          message = "Unsupported lddw of a variable address (var_addr(\(id)))"
        case .value, .codeAddress:
          message = nil
        }
      case .call(let id):
        message = environment.helpers[id] == nil ? "invalid helper function id \(id)" : nil
      case .legacyPacketLoad:
        message = "Legacy packet access (LD_ABS/LD_IND) is not supported"
      case .callBTF(let id):
        message = "Calls of kernel functions by BTF id are not supported (call btf \(id))"
      default:
        message = nil
      }
      if let message { errors[pc, default: []].append(message) }
    }
    return errors
  }

  /// Messages sorted by pc, each pc's in order of discovery.
  static func messages(_ byPC: [Int: [String]]) -> [VerificationMessage] {
    byPC.keys.sorted().flatMap { pc in byPC[pc, default: []].map { VerificationMessage(pc: pc, text: $0) } }
  }

  /// Maximal runs of instructions no path reaches, as pc ranges.
  static func unreachableRanges(_ program: DecodedProgram, reached: Set<Int>) -> [ClosedRange<Int>] {
    var out: [ClosedRange<Int>] = []
    var start: Int? = nil
    for (i, e) in program.instructions.enumerated() {
      if reached.contains(i) {
        if let s = start { out.append(s...program.instructions[i - 1].pc) }
        start = nil
      } else if start == nil {
        start = e.pc
      }
    }
    if let s = start, let last = program.instructions.last { out.append(s...last.pc) }
    return out
  }

  /// The result for a program that does not decode.
  static func failure(_ error: DecodeError) -> VerificationResult {
    let text: String
    switch error.kind {
    case .unknownOpcode(let op): text = "bad instruction op \(hex(op))"
    case .frameRegisterWritten: text = "invalid target r10"
    case .jumpOutOfRange: text = "jump out of bounds"
    case .jumpIntoWideInstruction: text = "jump to middle of lddw"
    case .truncatedWideInstruction: text = "incomplete lddw"
    case .fallsOffEnd: text = "Program can fall off its end (the last instruction must be exit or a jump)"
    default: text = error.message
    }
    return VerificationResult(
      errors: [VerificationMessage(pc: error.pc, text: text)], notes: [], maxLoopCount: 0, loopBounds: [],
      statistics: .empty, proof: nil, program: nil, invariants: [], slices: [])
  }
}

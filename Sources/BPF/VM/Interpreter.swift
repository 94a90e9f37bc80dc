/// Runs eBPF programs: the public face of the VM.
///
/// An interpreter owns a stack (`maxCallDepth` frames of 512 bytes, one region of its address
/// space) and runs one program at a time in the configured mode. Checked and verified runs use
/// the direct-threaded engine; sanitizing and traced runs use the reference engine, which sees
/// every instruction. Faults are `Fault` values with the pc and the reason — never a crash.
/// Not thread-safe: one run at a time per interpreter (a reentrant `run` faults with `.busy`).
/// Stack frames read as zero until written, so runs are deterministic.
public final class Interpreter {
  /// Limits and mode.
  public struct Configuration: Hashable, Sendable {
    /// How programs run.
    public var mode: ExecutionMode
    /// Instructions a run may execute (across tail calls) before it faults; at most 2^40.
    public var instructionBudget: UInt64
    /// Maximum number of frames (the program's own included), 1–64.
    public var maxCallDepth: Int
    /// Maximum number of tail calls in one run.
    public var maxTailCalls: Int

    /// Creates a configuration.
    public init(
      mode: ExecutionMode = .checked, instructionBudget: UInt64 = 1 << 24, maxCallDepth: Int = 8,
      maxTailCalls: Int = 33
    ) {
      self.mode = mode
      self.instructionBudget = min(instructionBudget, 1 << 40)
      self.maxCallDepth = min(max(maxCallDepth, 1), 64)
      self.maxTailCalls = max(0, maxTailCalls)
    }
  }

  /// The configuration it was made with.
  public let configuration: Configuration
  /// The memory programs see.
  public let memory: AddressSpace
  /// The stack region (frame `d` occupies offsets `d * 512 ..< (d + 1) * 512`; its r10 is the end).
  public let stack: MemoryRegion
  /// Helper functions by id.
  public var helpers: HelperFunctionTable {
    didSet {
      threaded.helpers = helpers
      reference.helpers = helpers
    }
  }

  /// The stack's host memory (the region stays registered for the interpreter's life).
  private let stackHost: UnsafeMutableRawPointer?
  private let threaded: ThreadedEngine
  private let reference: ReferenceEngine
  private var running = false

  /// Creates an interpreter over `memory` (its stack is registered there).
  public init(
    configuration: Configuration = Configuration(), memory: AddressSpace = AddressSpace(),
    helpers: HelperFunctionTable = HelperFunctionTable()
  ) throws(RegionError) {
    self.configuration = configuration
    self.memory = memory
    self.helpers = helpers
    stack = try memory.allocate(size: configuration.maxCallDepth * frameSize, kind: .stack, name: "stack")
    stackHost = memory.bytes(of: stack).baseAddress
    threaded = ThreadedEngine(
      memory: memory, stack: stack, maxDepth: configuration.maxCallDepth,
      maxTailCalls: configuration.maxTailCalls, verified: configuration.mode == .verified, helpers: helpers)
    reference = ReferenceEngine(
      memory: memory, stack: stack, maxDepth: configuration.maxCallDepth,
      maxTailCalls: configuration.maxTailCalls, helpers: helpers)
  }

  deinit {
    memory.unregister(stack)
  }

  /// Runs `program` with r1 = `context` and r2–r5 = 0, unobserved: what a hook does for every
  /// event, without building an argument array.
  public func run(_ program: Program, context: UInt64) throws(Fault) -> Execution {
    guard configuration.mode != .sanitizing else { return try run(program, arguments: [context]) }
    guard !running else {
      throw Fault(pc: 0, reason: .busy, instructionsExecuted: 0)
    }
    if configuration.mode == .verified && program.proof == nil {
      throw Fault(pc: 0, reason: .notVerified, instructionsExecuted: 0)
    }
    running = true
    defer { running = false }
    stackHost?.initializeMemory(as: UInt8.self, repeating: 0, count: frameSize)
    return try threaded.run(program, r1: context, r2: 0, r3: 0, r4: 0, r5: 0, budget: configuration.instructionBudget)
  }

  /// Runs `program` from pc 0 with r1–r5 = `arguments` (missing ones are 0) and r10 = the top
  /// of a zeroed stack frame. With an `observer`, every executed instruction is reported.
  public func run(_ program: Program, arguments: [UInt64] = [], observer: ((TraceEvent) -> Void)? = nil)
    throws(Fault) -> Execution
  {
    guard !running else {
      throw Fault(pc: 0, reason: .busy, instructionsExecuted: 0)
    }
    if configuration.mode == .verified && program.proof == nil {
      throw Fault(pc: 0, reason: .notVerified, instructionsExecuted: 0)
    }
    running = true
    defer { running = false }
    // Frame 0 starts zeroed; deeper frames are zeroed when first entered (see `zeroFrame`).
    let bytes = memory.bytes(of: stack)
    if let base = bytes.baseAddress { base.initializeMemory(as: UInt8.self, repeating: 0, count: frameSize) }
    if configuration.mode == .sanitizing || observer != nil {
      return try reference.run(
        program, arguments: arguments, budget: configuration.instructionBudget,
        sanitize: configuration.mode == .sanitizing, observer: observer)
    }
    return try threaded.run(program, arguments: arguments, budget: configuration.instructionBudget)
  }
}

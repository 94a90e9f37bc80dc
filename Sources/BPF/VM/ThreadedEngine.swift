import CBPFInterpreter

/// The fast engine (checked and verified modes): runs a program's `ThreadedCode` through the
/// direct-threaded C handlers. Not reentrant: a helper must not start another run on it.
final class ThreadedEngine {
  let memory: AddressSpace
  let stack: MemoryRegion
  let maxDepth: Int
  let maxTailCalls: Int
  let verified: Bool
  var helpers: HelperFunctionTable {
    didSet { helperBoxes = HelperBoxes(helpers) }
  }
  /// The helpers' boxes in a flat buffer, read by every helper call without reference counting.
  @exclusivity(unchecked) private(set) var helperBoxes: HelperBoxes
  /// Set by slow paths before stopping with `.engineFault`.
  var pendingFault: Fault.Reason?
  var tailCalls = 0
  /// The running program's code, held unowned: its program is held by the caller of `run` or,
  /// after a tail call, by `entered`.
  private(set) unowned(unsafe) var current: ThreadedCode?
  /// Programs entered by tail calls, kept alive until the run ends.
  private var entered: [Program] = []

  private let state: UnsafeMutablePointer<ThreadedState>
  private let registers: UnsafeMutablePointer<UInt64>
  private let frames: UnsafeMutablePointer<CallFrame>

  init(
    memory: AddressSpace, stack: MemoryRegion, maxDepth: Int, maxTailCalls: Int, verified: Bool,
    helpers: HelperFunctionTable
  ) {
    self.memory = memory
    self.stack = stack
    self.maxDepth = maxDepth
    self.maxTailCalls = maxTailCalls
    self.verified = verified
    self.helpers = helpers
    helperBoxes = HelperBoxes(helpers)
    state = .allocate(capacity: 1)
    registers = .allocate(capacity: 16)
    registers.initialize(repeating: 0, count: 16)
    frames = .allocate(capacity: maxDepth)
  }

  deinit {
    state.deallocate()
    registers.deallocate()
    frames.deallocate()
  }

  /// The code a program runs with in this engine's mode (checked code if it has no proof). A
  /// program entered by a tail call is kept alive here until the run ends (the first one is held
  /// by the caller of `run`).
  func enter(_ program: Program, tailCall: Bool = false) -> ThreadedCode {
    let code = verified ? (program.verifiedCode ?? program.checkedCode) : program.checkedCode
    current = code
    if tailCall { entered.append(program) }
    return code
  }

  func slotPC(of pc: TCPC) -> Int { current?.slot(of: pc) ?? 0 }

  /// Runs `program` with r1–r5 = `arguments` within `budget` instructions.
  func run(_ program: Program, arguments: [UInt64], budget: UInt64) throws(Fault) -> Execution {
    func argument(_ i: Int) -> UInt64 { i < arguments.count ? arguments[i] : 0 }
    return try run(
      program, r1: argument(0), r2: argument(1), r3: argument(2), r4: argument(3), r5: argument(4), budget: budget)
  }

  /// Runs `program` with r1–r5 given within `budget` instructions.
  func run(
    _ program: Program, r1: UInt64, r2: UInt64, r3: UInt64, r4: UInt64, r5: UInt64, budget: UInt64
  ) throws(Fault) -> Execution {
    defer {
      if !entered.isEmpty { entered.removeAll(keepingCapacity: true) }
      current = nil
    }
    pendingFault = nil
    tailCalls = 0
    let code = enter(program)
    registers.update(repeating: 0, count: 16)
    registers[1] = r1
    registers[2] = r2
    registers[3] = r3
    registers[4] = r4
    registers[5] = r5
    let stackEntry = memory.table + stack.index
    state.initialize(
      to: ThreadedState(
        code: code.start, halt: code.halt, constants: UnsafePointer(code.constantPool), frames: frames,
        maxDepth: maxDepth, stackEntry: stackEntry, stackBase: stack.address,
        engine: Unmanaged.passUnretained(self)))
    state.pointee.setStackLimit(registers)
    let fuel = Int(min(budget, 1 << 40))
    let k = Int(bitPattern: code.start) &+ fuel &* opStride
    bpf_tc_run(code.start, registers, UnsafeRawPointer(memory.table), k, state)

    let s = state.pointee
    let stopPC = s.stopPC ?? code.halt
    let left = (s.finalK &- Int(bitPattern: stopPC)) / opStride &- 1
    let executed = UInt64(clamping: max(0, min(fuel, fuel &- left)))
    if s.stopReason == .exit {
      return Execution(result: registers[0], instructionsExecuted: executed, tailCalls: tailCalls)
    }
    let slot = slotPC(of: stopPC)
    func fault(_ reason: Fault.Reason) -> Fault { Fault(pc: slot, reason: reason, instructionsExecuted: executed) }
    switch s.stopReason {
    case .exit:
      return Execution(result: registers[0], instructionsExecuted: executed, tailCalls: tailCalls)
    case .memory:
      throw fault(
        .memory(
          MemoryError(
            address: s.faultAddress, size: s.faultSize, isWrite: s.faultWrite,
            region: memory.region(containing: s.faultAddress))))
    case .budget:
      throw Fault(pc: slot, reason: .budgetExhausted(limit: budget), instructionsExecuted: UInt64(fuel))
    case .callDepth:
      throw fault(.callDepthExceeded(limit: maxDepth))
    case .engineFault:
      throw fault(pendingFault ?? .pcOutOfRange)
    case .fellOff, .running:
      throw fault(.pcOutOfRange)
    }
  }
}

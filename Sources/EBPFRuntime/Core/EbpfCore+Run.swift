import BPF

/// The memory one program type's runs use: a context region and a data region, registered once.
///
/// Data is placed so that it ends at the end of its region: a read past the end pointer leaves the
/// region and faults, as it would leave the buffer the hook handed over. Bytes before the data are
/// zeroed headroom (XDP's `bpf_xdp_adjust_head` grows into them).
final class HookMemory {
  let context: MemoryRegion
  let contextHost: UnsafeMutableRawPointer
  let data: MemoryRegion
  let dataHost: UnsafeMutableRawPointer
  /// Lowest offset of the data region written by an earlier run (everything below is zero).
  var dirtyFrom: Int

  static let dataCapacity = 65_536 + 256

  init(type: ProgramType, memory: AddressSpace) throws(RegionError) {
    let writableFrom = type.context.fields.filter(\.readOnly).map(\.end).max() ?? 0
    context = try memory.allocate(
      size: type.context.size, kind: .context, name: "ctx",
      access: writableFrom == 0 ? .readWrite : .writable(writableFrom..<type.context.size))
    contextHost = memory.bytes(of: context).baseAddress.unsafelyUnwrapped
    let readOnlyData = type.number == ProgramType.bind.number
    data = try memory.allocate(
      size: Self.dataCapacity, kind: .packet, name: type.context.dataOffset == nil ? "data" : "hook data",
      access: readOnlyData ? .readOnly : .readWrite)
    dataHost = memory.bytes(of: data).baseAddress.unsafelyUnwrapped
    dirtyFrom = Self.dataCapacity
  }
}

/// What the running invocation carries beyond the context (for the type-specific helpers).
struct InvocationState {
  var extras = HookExtras()
  /// Simulated address of the context.
  var contextAddress: UInt64 = 0
  /// Lowest address the data pointer may move to (XDP headroom).
  var headroomStart: UInt64 = 0
  /// Simulated addresses of the data and its end.
  var dataAddress: UInt64 = 0
  var dataEndAddress: UInt64 = 0
  /// The context's host memory and its type's descriptor, for helpers that rewrite fields.
  var contextHost: UnsafeMutableRawPointer?
  var programType: ProgramType?
  /// Set by `bpf_sock_addr_set_redirect_context`.
  var redirectContext: [UInt8]?
}

/// The outcome of a run that reached `exit`.
public struct RunReport: Sendable, Hashable {
  /// r0 at exit (after tail calls, the last program's).
  public var returnValue: UInt64
  /// Instructions executed across tail calls.
  public var instructions: UInt64
  /// Tail calls made.
  public var tailCalls: Int
  /// The context and data after the run.
  public var output: HookOutput
}

extension EbpfCore {
  /// The interpreter for a program type (created, with its stack, on first use).
  func interpreter(for type: ProgramType) throws(RegionError) -> Interpreter {
    if let i = interpreters[type.number] { return i }
    let i = try Interpreter(
      configuration: .init(mode: .checked, instructionBudget: instructionBudget, maxCallDepth: 8, maxTailCalls: 33),
      memory: memory, helpers: helperTable(for: type))
    interpreters[type.number] = i
    return i
  }

  func hookMemory(for type: ProgramType) throws(RegionError) -> HookMemory {
    if let m = hookMemory[type.number] { return m }
    let m = try HookMemory(type: type, memory: memory)
    hookMemory[type.number] = m
    return m
  }

  /// Runs a program once on `input`, as `caller`: the context is written to the type's context
  /// region, the data to its data region, the pointer fields filled in. With an `observer`, every
  /// executed instruction is reported (the reference engine runs; slower). A fault is returned,
  /// never thrown past the runtime.
  public func run(
    _ program: ProgramObject, input: HookInput, caller: CallerIdentity, observer: ((TraceEvent) -> Void)? = nil
  ) -> Result<RunReport, Fault> {
    let type = program.programType
    let interpreter: Interpreter
    let hook: HookMemory
    do {
      interpreter = try self.interpreter(for: type)
      hook = try hookMemory(for: type)
    } catch {
      return .failure(Fault(pc: 0, reason: .helperFailed(id: 0, message: error.description), instructionsExecuted: 0))
    }
    prepare(hook, type: type, input: input)
    let previousCaller = self.caller
    let previousProgram = runningProgram
    self.caller = caller
    runningProgram = program
    program.runCount &+= 1
    defer {
      self.caller = previousCaller
      runningProgram = previousProgram
    }
    do {
      let execution = try interpreter.run(program.program, arguments: [invocation.contextAddress], observer: observer)
      return .success(
        RunReport(
          returnValue: execution.result, instructions: execution.instructionsExecuted, tailCalls: execution.tailCalls,
          output: output(hook, type: type)))
    } catch {
      return .failure(error)
    }
  }

  /// Writes the input into the type's regions and sets up the invocation state.
  func prepare(_ hook: HookMemory, type: ProgramType, input: HookInput) {
    let capacity = HookMemory.dataCapacity
    let headroom = max(0, min(input.extras.headroom, 4096))
    let count = min(input.data.count, capacity - headroom)
    let base = capacity - count
    let zeroFrom = min(hook.dirtyFrom, base - headroom)
    if zeroFrom < base { (hook.dataHost + zeroFrom).initializeMemory(as: UInt8.self, repeating: 0, count: base - zeroFrom) }
    hook.dirtyFrom = base - headroom
    input.data.withUnsafeBytes { raw in
      if let b = raw.baseAddress, count > 0 { (hook.dataHost + base).copyMemory(from: b + (raw.count - count), byteCount: count) }
    }
    let size = type.context.size
    hook.contextHost.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    input.context.withUnsafeBytes { raw in
      if let b = raw.baseAddress { hook.contextHost.copyMemory(from: b, byteCount: min(raw.count, size)) }
    }
    let dataStart = min(max(0, input.dataStart - (input.data.count - count)), count)
    invocation = InvocationState(
      extras: input.extras, contextAddress: hook.context.address,
      headroomStart: hook.data.address &+ UInt64(base - headroom),
      dataAddress: hook.data.address &+ UInt64(base + dataStart), dataEndAddress: hook.data.address &+ UInt64(capacity),
      contextHost: hook.contextHost, programType: type, redirectContext: nil)
    writePointers(type)
  }

  /// Stores the data, end and meta pointers into the context.
  func writePointers(_ type: ProgramType) {
    guard let host = invocation.contextHost else { return }
    if let o = type.context.dataOffset { host.storeBytes(of: invocation.dataAddress.littleEndian, toByteOffset: o, as: UInt64.self) }
    if let o = type.context.endOffset { host.storeBytes(of: invocation.dataEndAddress.littleEndian, toByteOffset: o, as: UInt64.self) }
    if let o = type.context.metaOffset { host.storeBytes(of: invocation.dataAddress.littleEndian, toByteOffset: o, as: UInt64.self) }
  }

  func output(_ hook: HookMemory, type: ProgramType) -> HookOutput {
    let context = Array(UnsafeRawBufferPointer(start: hook.contextHost, count: type.context.size))
    var data: [UInt8] = []
    if type.context.dataOffset != nil {
      let start = Int(clamping: invocation.dataAddress &- hook.data.address)
      let end = Int(clamping: invocation.dataEndAddress &- hook.data.address)
      if start >= 0, start <= end, end <= HookMemory.dataCapacity {
        data = Array(UnsafeRawBufferPointer(start: hook.dataHost + start, count: end - start))
      }
    }
    return HookOutput(context: context, data: data, redirectContext: invocation.redirectContext)
  }
}

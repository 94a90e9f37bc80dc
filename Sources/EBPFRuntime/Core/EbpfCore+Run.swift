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
  @exclusivity(unchecked) var dirtyFrom: Int
  /// The regions' simulated addresses (kept apart: copying a region copies its name).
  let contextAddress: UInt64
  let dataAddress: UInt64

  /// The most data (packet, app id) a run sees, metadata included: the verifier's `dataSizeLimit`,
  /// which its proofs rely on (so `bpf_xdp_adjust_head` cannot grow past it either).
  static let maxDataSize = 65_535
  /// The most headroom an XDP input asks for.
  static let maxHeadroom = 4096
  static let dataCapacity = maxDataSize + maxHeadroom

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
    contextAddress = context.address
    dataAddress = data.address
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
  /// The context's host memory and its layout, for helpers that read or rewrite fields (plain
  /// numbers: copying a whole ProgramType on every run would retain each of its strings).
  var contextHost: UnsafeMutableRawPointer?
  var contextSize = 0
  var dataPointerOffset = -1
  var endPointerOffset = -1
  var metaPointerOffset = -1
  /// Set by `bpf_sock_addr_set_redirect_context`.
  var redirectContext: [UInt8]?
}

/// A bind run's outcome in plain fields (a generic Result costs a value-witness call to destroy
/// on every event).
struct BindRun {
  var execution: Execution?
  var fault: Fault?

  var result: Result<RunReport, Fault> {
    if let e = execution {
      return .success(
        RunReport(returnValue: e.result, instructions: e.instructionsExecuted, tailCalls: e.tailCalls, output: nil))
    }
    return .failure(fault ?? Fault(pc: 0, reason: .pcOutOfRange, instructionsExecuted: 0))
  }
}

/// The outcome of a run that reached `exit`.
public struct RunReport: Sendable, Hashable {
  /// r0 at exit (after tail calls, the last program's).
  public var returnValue: UInt64
  /// Instructions executed across tail calls.
  public var instructions: UInt64
  /// Tail calls made.
  public var tailCalls: Int
  /// The context and data after the run (nil when the run was not asked to keep them).
  public var output: HookOutput?
}

extension EbpfCore {
  /// The interpreter for a program type (created, with its stack, on first use).
  func interpreter(for type: ProgramType) throws(RegionError) -> Interpreter {
    if let i = interpreters[type.number] { return i }
    let i = try Interpreter(
      configuration: .init(mode: .verified, instructionBudget: instructionBudget, maxCallDepth: 8, maxTailCalls: 33),
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
    run(program, input: input, caller: caller, captureOutput: true, observer: observer)
  }

  /// A run; without `captureOutput` the report's output is empty (the hooks do not need it).
  func run(
    _ program: ProgramObject, input: HookInput, caller: CallerIdentity, captureOutput: Bool,
    observer: ((TraceEvent) -> Void)? = nil
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
      let execution =
        observer == nil
        ? try interpreter.run(program.program, context: invocation.contextAddress)
        : try interpreter.run(program.program, arguments: [invocation.contextAddress], observer: observer)
      return .success(
        RunReport(
          returnValue: execution.result, instructions: execution.instructionsExecuted, tailCalls: execution.tailCalls,
          output: captureOutput ? output(hook, type: type) : nil))
    } catch {
      return .failure(error)
    }
  }

  /// Runs a bind program on a bind event written straight into the bind context region.
  func runBind(_ program: ProgramObject, event: BindEvent, caller: CallerIdentity) -> BindRun {
    let execution: (interpreter: Unmanaged<Interpreter>, memory: Unmanaged<HookMemory>)
    if let e = bindExecution {
      execution = e
    } else {
      do {
        execution = (
          Unmanaged.passUnretained(try interpreter(for: .bind)), Unmanaged.passUnretained(try hookMemory(for: .bind))
        )
      } catch {
        return BindRun(
          execution: nil,
          fault: Fault(pc: 0, reason: .helperFailed(id: 0, message: error.description), instructionsExecuted: 0))
      }
      bindExecution = execution
    }
    return execution.memory._withUnsafeGuaranteedRef { hook in
      execution.interpreter._withUnsafeGuaranteedRef { interpreter in
        runBind(program, event: event, caller: caller, hook: hook, interpreter: interpreter)
      }
    }
  }

  @inline(__always)
  func runBind(
    _ program: ProgramObject, event: BindEvent, caller: CallerIdentity, hook: HookMemory, interpreter: Interpreter
  ) -> BindRun {
    let capacity = HookMemory.dataCapacity
    let count = min(event.appID.count, HookMemory.maxDataSize)
    let base = capacity - count
    if hook.dirtyFrom < base {
      (hook.dataHost + hook.dirtyFrom).initializeMemory(as: UInt8.self, repeating: 0, count: base - hook.dirtyFrom)
    }
    hook.dirtyFrom = base
    event.appID.withUnsafeBytes { raw in
      if let b = raw.baseAddress, count > 0 { (hook.dataHost + base).copyMemory(from: b, byteCount: count) }
    }
    let dataAddress = hook.dataAddress &+ UInt64(base + min(max(event.appIDStart, 0), count))
    let endAddress = hook.dataAddress &+ UInt64(capacity)
    let c = hook.contextHost
    c.storeBytes(of: dataAddress.littleEndian, toByteOffset: 0, as: UInt64.self)
    c.storeBytes(of: endAddress.littleEndian, toByteOffset: 8, as: UInt64.self)
    c.storeBytes(of: event.processID.littleEndian, toByteOffset: 16, as: UInt64.self)
    // SOCKADDR_IN: family 2, port in network order, the address, eight zero bytes; then its length.
    c.storeBytes(of: UInt16(2).littleEndian, toByteOffset: 24, as: UInt16.self)
    c.storeBytes(of: event.port.bigEndian, toByteOffset: 26, as: UInt16.self)
    c.storeBytes(of: event.ipv4, toByteOffset: 28, as: UInt32.self)
    c.storeBytes(of: UInt64(0), toByteOffset: 32, as: UInt64.self)
    c.storeBytes(of: UInt32(16).littleEndian, toByteOffset: 40, as: UInt32.self)
    c.storeBytes(of: event.operation.littleEndian, toByteOffset: 44, as: UInt32.self)
    c.storeBytes(of: UInt64(event.protocol), toByteOffset: 48, as: UInt64.self)
    invocation = InvocationState(
      extras: HookExtras(), contextAddress: hook.contextAddress, headroomStart: hook.dataAddress &+ UInt64(base),
      dataAddress: dataAddress, dataEndAddress: endAddress, contextHost: c, contextSize: 56, dataPointerOffset: 0,
      endPointerOffset: 8, metaPointerOffset: -1, redirectContext: nil)
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
      return BindRun(execution: try interpreter.run(program.program, context: hook.contextAddress), fault: nil)
    } catch {
      return BindRun(execution: nil, fault: error)
    }
  }

  /// Writes the input into the type's regions and sets up the invocation state.
  func prepare(_ hook: HookMemory, type: ProgramType, input: HookInput) {
    let capacity = HookMemory.dataCapacity
    let headroom = max(0, min(input.extras.headroom, HookMemory.maxHeadroom))
    let count = min(input.data.count, HookMemory.maxDataSize)
    let base = capacity - count
    let zeroFrom = min(hook.dirtyFrom, base - headroom)
    if zeroFrom < base {
      (hook.dataHost + zeroFrom).initializeMemory(as: UInt8.self, repeating: 0, count: base - zeroFrom)
    }
    hook.dirtyFrom = base - headroom
    input.data.withUnsafeBytes { raw in
      if let b = raw.baseAddress, count > 0 {
        (hook.dataHost + base).copyMemory(from: b + (raw.count - count), byteCount: count)
      }
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
      contextHost: hook.contextHost, contextSize: type.context.size, dataPointerOffset: type.context.rawOffsets.data,
      endPointerOffset: type.context.rawOffsets.end, metaPointerOffset: type.context.rawOffsets.meta,
      redirectContext: nil)
    writePointers()
  }

  /// Stores the data, end and meta pointers into the context.
  func writePointers() {
    guard let host = invocation.contextHost else { return }
    let i = invocation
    if i.dataPointerOffset >= 0 {
      host.storeBytes(of: i.dataAddress.littleEndian, toByteOffset: i.dataPointerOffset, as: UInt64.self)
    }
    if i.endPointerOffset >= 0 {
      host.storeBytes(of: i.dataEndAddress.littleEndian, toByteOffset: i.endPointerOffset, as: UInt64.self)
    }
    if i.metaPointerOffset >= 0 {
      host.storeBytes(of: i.dataAddress.littleEndian, toByteOffset: i.metaPointerOffset, as: UInt64.self)
    }
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

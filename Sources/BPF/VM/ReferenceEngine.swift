/// The plain engine: a `switch` over decoded instructions, one at a time. Used for sanitizing
/// runs (it tracks which registers and stack bytes were written) and for traced runs (it reports
/// every instruction). Same semantics as the threaded engine — both use `Semantics` — including
/// where the budget is checked (at control transfers), so faults agree.
final class ReferenceEngine {
  let memory: AddressSpace
  let stack: MemoryRegion
  let maxDepth: Int
  let maxTailCalls: Int
  var helpers: HelperFunctionTable

  init(memory: AddressSpace, stack: MemoryRegion, maxDepth: Int, maxTailCalls: Int, helpers: HelperFunctionTable) {
    self.memory = memory
    self.stack = stack
    self.maxDepth = maxDepth
    self.maxTailCalls = maxTailCalls
    self.helpers = helpers
  }

  private struct Frame {
    var returnPC: Int
    var saved: [UInt64]
    var savedInitialized: [Bool]
  }

  /// Thrown inside the loop; converted to a `Fault` with the instruction count.
  private struct Stop: Error {
    let reason: Fault.Reason
  }

  func run(
    _ first: Program, arguments: [UInt64], budget: UInt64, sanitize: Bool,
    observer: ((TraceEvent) -> Void)?
  ) throws(Fault) -> Execution {
    var program = first
    var index = Self.index(program)
    var regs = [UInt64](repeating: 0, count: 11)
    var initialized = [Bool](repeating: !sanitize, count: 11)
    for (i, a) in arguments.prefix(5).enumerated() {
      regs[i + 1] = a
      initialized[i + 1] = true
    }
    initialized[10] = true
    var frames: [Frame] = []
    var pc = 0
    var executed: UInt64 = 0
    var tailCalls = 0
    var zeroedDepth = 0
    let table = UnsafePointer(memory.table)
    let stackEntry = memory.table + stack.index
    var shadow: UnsafeMutableBufferPointer<Bool>?
    if sanitize {
      let s = UnsafeMutableBufferPointer<Bool>.allocate(capacity: stack.size)
      s.initialize(repeating: false)
      memory.shadows[stack.index] = s
      shadow = s
    }
    defer {
      if let s = memory.shadows.removeValue(forKey: stack.index) { s.deallocate() }
    }
    func setFrame(_ depth: Int) {
      let limit = UInt64((depth + 1) * frameSize)
      regs[10] = stack.address &+ limit
      stackEntry.pointee.readLimit = limit
      stackEntry.pointee.writeHigh = limit
    }
    setFrame(0)

    func read(_ r: Register) throws(Stop) -> UInt64 {
      if sanitize && !initialized[Int(r.index)] { throw Stop(reason: .uninitializedRegister(r)) }
      return regs[Int(r.index)]
    }
    func write(_ r: Register, _ v: UInt64) {
      regs[Int(r.index)] = v
      initialized[Int(r.index)] = true
    }
    func value(_ s: Source, _ size: OperandSize) throws(Stop) -> UInt64 {
      switch s {
      case .register(let r): return try read(r)
      case .immediate(let v): return size == .bits64 ? Semantics.imm64(v) : Semantics.imm32(v)
      }
    }
    func address(_ base: Register, _ offset: Int16) throws(Stop) -> UInt64 {
      try read(base) &+ UInt64(bitPattern: Int64(offset))
    }
    func memoryStop(_ a: UInt64, _ n: Int, write: Bool) -> Stop {
      Stop(reason: .memory(MemoryError(address: a, size: n, isWrite: write, region: memory.region(containing: a))))
    }
    /// Marks or checks stack bytes in the sanitizer's shadow.
    func shadowAccess(_ a: UInt64, _ n: Int, write: Bool) throws(Stop) {
      guard let shadow, stack.contains(a, count: n) else { return }
      let start = Int(a &- stack.address)
      for i in start..<start + n {
        if write {
          shadow[i] = true
        } else if !shadow[i] {
          throw Stop(reason: .uninitializedStack(address: a, size: n))
        }
      }
    }
    /// Control transfers check the budget, exactly as the threaded engine does.
    func transfer() throws(Stop) {
      if executed > budget { throw Stop(reason: .budgetExhausted(limit: budget)) }
    }

    /// Tells the observer what the instruction at `pc` changed.
    func report(_ insn: DecodedInstruction, _ before: [UInt64], _ programName: String) {
      guard let observer else { return }
      var changes: [RegisterChange] = []
      for r in 0...10 where before[r] != regs[r] {
        changes.append(RegisterChange(register: Register(unchecked: UInt8(r)), old: before[r], new: regs[r]))
      }
      observer(TraceEvent(pc: pc, instruction: insn, depth: frames.count, changes: changes, programName: programName))
    }

    do throws(Stop) {
      while true {
        guard index.indices.contains(pc), let insn = index[pc] else { throw Stop(reason: .pcOutOfRange) }
        executed += 1
        let before = observer == nil ? [] : regs
        let programName = program.name
        var next = pc + insn.slotCount
        switch insn {
        case .alu(let op, let size, let dst, let source):
          let b = try value(source, size)
          let a: UInt64
          switch op {
          case .mov, .movsx8, .movsx16, .movsx32: a = 0
          default: a = try read(dst)
          }
          write(dst, Semantics.alu(op, size, a, b))
        case .negate(let size, let dst):
          let a = try read(dst)
          write(dst, size == .bits64 ? 0 &- a : Semantics.zx(0 &- Semantics.low(a)))
        case .byteSwap(let kind, let bits, let dst):
          write(dst, Semantics.byteSwap(kind, bits, try read(dst)))
        case .load(let width, let sx, let dst, let base, let offset):
          let a = try address(base, offset)
          guard let p = translateRead(table, a, UInt64(width.bytes)) else {
            throw memoryStop(a, width.bytes, write: false)
          }
          try shadowAccess(a, width.bytes, write: false)
          write(dst, Semantics.load(p, width, signExtending: sx))
        case .store(let width, let base, let offset, let source):
          let a = try address(base, offset)
          let v = try value(source, .bits64)
          guard let p = translateWrite(table, a, UInt64(width.bytes)) else {
            throw memoryStop(a, width.bytes, write: true)
          }
          try shadowAccess(a, width.bytes, write: true)
          Semantics.store(p, width, v)
        case .atomic(let op, let width, let base, let offset, let src):
          let a = try address(base, offset)
          let s = try read(src)
          let r0 = op == .compareExchange ? try read(.r0) : regs[0]
          guard translateRead(table, a, UInt64(width.bytes)) != nil,
            let p = translateWrite(table, a, UInt64(width.bytes))
          else { throw memoryStop(a, width.bytes, write: true) }
          try shadowAccess(a, width.bytes, write: false)
          let result = Semantics.atomic(op, width, p, src: s, r0: r0)
          if op == .compareExchange {
            write(.r0, result.r0)
          } else if op.fetches {
            write(src, result.src)
          }
        case .loadImmediate64(let dst, _):
          write(dst, program.wideValues[pc] ?? 0)
        case .jump(let offset, _):
          try transfer()
          next = pc + 1 + Int(offset)
        case .branch(let cond, let size, let dst, let source, let offset):
          let a = try read(dst)
          let b = try value(source, size)
          if Semantics.condition(cond, size, a, b) {
            try transfer()
            next = pc + 1 + Int(offset)
          }
        case .call, .callRegister:
          let rawID: Int64
          switch insn {
          case .callRegister(let r): rawID = Int64(bitPattern: try read(r))
          case .call(let id): rawID = Int64(id)
          default: rawID = 0
          }
          guard let id32 = Int32(exactly: rawID), let box = helpers.box(id32) else {
            throw Stop(reason: .unknownHelper(rawID))
          }
          let call = HelperCall(
            id: id32, pc: pc, r1: regs[1], r2: regs[2], r3: regs[3], r4: regs[4], r5: regs[5],
            memory: memory, tailCallCount: tailCalls)
          switch box.function(call) {
          case .value(let v):
            write(.r0, v)
            if sanitize { for r in 1...5 { initialized[r] = false } }
          case .exit(let v):
            write(.r0, v)
            report(insn, before, programName)
            return Execution(result: v, instructionsExecuted: executed, tailCalls: tailCalls)
          case .fault(let message):
            throw Stop(reason: .helperFailed(id: id32, message: message))
          case .tailCall(let target):
            guard tailCalls < maxTailCalls else { throw Stop(reason: .tailCallLimit(maxTailCalls)) }
            tailCalls += 1
            program = target
            index = Self.index(program)
            frames.removeAll()
            setFrame(0)
            write(.r1, call.r1)
            next = 0
          }
        case .callLocal(let offset):
          try transfer()
          guard frames.count + 1 < maxDepth else { throw Stop(reason: .callDepthExceeded(limit: maxDepth)) }
          frames.append(Frame(returnPC: pc + 1, saved: Array(regs[6...9]), savedInitialized: Array(initialized[6...9])))
          if frames.count > zeroedDepth {
            zeroedDepth = frames.count
            stackEntry.pointee.host?.advanced(by: zeroedDepth * frameSize)
              .initializeMemory(as: UInt8.self, repeating: 0, count: frameSize)
          }
          setFrame(frames.count)
          if sanitize {
            for r in [0, 6, 7, 8, 9] { initialized[r] = false }
            if let shadow {
              let start = frames.count * frameSize
              for i in start..<min(start + frameSize, shadow.count) { shadow[i] = false }
            }
          }
          next = pc + 1 + Int(offset)
        case .exit:
          try transfer()
          _ = try read(.r0)
          guard let frame = frames.popLast() else {
            report(insn, before, programName)
            return Execution(result: regs[0], instructionsExecuted: executed, tailCalls: tailCalls)
          }
          for i in 0..<4 {
            regs[6 + i] = frame.saved[i]
            initialized[6 + i] = frame.savedInitialized[i]
          }
          if sanitize { for r in 1...5 { initialized[r] = false } }
          setFrame(frames.count)
          next = frame.returnPC
        case .legacyPacketLoad, .callBTF:
          throw Stop(reason: .pcOutOfRange)  // rejected when the Program was made
        }
        report(insn, before, programName)
        pc = next
      }
    } catch {
      let count = error.reason.isBudget ? budget : executed
      throw Fault(pc: pc, reason: error.reason, instructionsExecuted: count)
    }
  }

  /// Decoded instructions by slot index (nil for the second slot of an LDDW).
  private static func index(_ program: Program) -> [DecodedInstruction?] {
    var map = [DecodedInstruction?](repeating: nil, count: program.code.slots.count)
    for (pc, insn) in program.code.instructions { map[pc] = insn }
    return map
  }
}

extension Fault.Reason {
  var isBudget: Bool {
    if case .budgetExhausted = self { return true }
    return false
  }
}

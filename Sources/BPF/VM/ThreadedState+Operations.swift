import CBPFInterpreter

extension ThreadedState {
  // MARK: Stopping

  @inline(__always)
  mutating func stop(_ reason: StopReason, _ pc: TCPC, _ k: TCAnchor) -> TCPC {
    stopReason = reason
    stopPC = pc
    finalK = k.pointee
    return halt
  }

  @inline(__always)
  mutating func memoryFault(_ pc: TCPC, _ k: TCAnchor, _ address: UInt64, _ size: Int, write: Bool) -> TCPC {
    faultAddress = address
    faultSize = size
    faultWrite = write
    return stop(.memory, pc, k)
  }

  // MARK: ALU

  @inline(__always)
  func alu(_ r: TCRegs, _ pc: TCPC, _ b: UInt64, _ f: (UInt64, UInt64) -> UInt64) -> TCPC {
    let d = Int(pc.pointee.dst)
    r.pointee[d] = f(r.pointee[d], b)
    return pc + 1
  }

  @inline(__always)
  func unary(_ r: TCRegs, _ pc: TCPC, _ f: (UInt64) -> UInt64) -> TCPC {
    let d = Int(pc.pointee.dst)
    r.pointee[d] = f(r.pointee[d])
    return pc + 1
  }

  // MARK: Memory

  @inline(__always)
  mutating func load<T: FixedWidthInteger>(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor, _: T.Type) -> TCPC {
    let address = r.pointee[Int(pc.pointee.src)] &+ UInt64(bitPattern: Int64(pc.pointee.off))
    let table = rt.pointee.assumingMemoryBound(to: RegionEntry.self)
    guard let p = translateRead(table, address, UInt64(MemoryLayout<T>.size)) else {
      return memoryFault(pc, k, address, MemoryLayout<T>.size, write: false)
    }
    r.pointee[Int(pc.pointee.dst)] = UInt64(truncatingIfNeeded: T(littleEndian: p.loadUnaligned(as: T.self)))
    return pc + 1
  }

  @inline(__always)
  mutating func store<T: FixedWidthInteger>(
    _ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor, _ value: UInt64,
    _: T.Type
  ) -> TCPC {
    let address = r.pointee[Int(pc.pointee.dst)] &+ UInt64(bitPattern: Int64(pc.pointee.off))
    let table = rt.pointee.assumingMemoryBound(to: RegionEntry.self)
    guard let p = translateWrite(table, address, UInt64(MemoryLayout<T>.size)) else {
      return memoryFault(pc, k, address, MemoryLayout<T>.size, write: true)
    }
    p.storeBytes(of: T(truncatingIfNeeded: value).littleEndian, as: T.self)
    return pc + 1
  }

  @inline(__always)
  func loadUnchecked<T: FixedWidthInteger>(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _: T.Type) -> TCPC {
    let address = r.pointee[Int(pc.pointee.src)] &+ UInt64(bitPattern: Int64(pc.pointee.off))
    let p = translateUnchecked(rt.pointee.assumingMemoryBound(to: RegionEntry.self), address)
    r.pointee[Int(pc.pointee.dst)] = UInt64(truncatingIfNeeded: T(littleEndian: p.loadUnaligned(as: T.self)))
    return pc + 1
  }

  @inline(__always)
  func storeUnchecked<T: FixedWidthInteger>(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ value: UInt64, _: T.Type)
    -> TCPC
  {
    let address = r.pointee[Int(pc.pointee.dst)] &+ UInt64(bitPattern: Int64(pc.pointee.off))
    let p = translateUnchecked(rt.pointee.assumingMemoryBound(to: RegionEntry.self), address)
    p.storeBytes(of: T(truncatingIfNeeded: value).littleEndian, as: T.self)
    return pc + 1
  }

  @inline(never)
  mutating func atomic(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor, _ width: MemoryWidth, checked: Bool)
    -> TCPC
  {
    let op = pc.pointee
    let regs = r.pointee
    let address = regs[Int(op.dst)] &+ UInt64(bitPattern: Int64(op.off))
    let table = rt.pointee.assumingMemoryBound(to: RegionEntry.self)
    let size = UInt64(width.bytes)
    let p: UnsafeMutableRawPointer
    if checked {
      guard translateRead(table, address, size) != nil, let q = translateWrite(table, address, size) else {
        return memoryFault(pc, k, address, width.bytes, write: true)
      }
      p = q
    } else {
      p = translateUnchecked(table, address)
    }
    let operation = ThreadedCode.atomicOperation(op.imm)
    let result = Semantics.atomic(operation, width, p, src: regs[Int(op.src)], r0: regs[0])
    if operation == .compareExchange {
      regs[0] = result.r0
    } else if operation.fetches {
      regs[Int(op.src)] = result.src
    }
    return pc + 1
  }

  // MARK: Jumps

  @inline(__always)
  mutating func jump(_ pc: TCPC, _ k: TCAnchor, _ delta: Int) -> TCPC {
    if _slowPath(Int(bitPattern: pc) >= k.pointee) { return stop(.budget, pc, k) }
    k.pointee &+= delta &* opStride
    return pc + (delta &+ 1)
  }

  @inline(__always)
  mutating func branch(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ b: UInt64, _ taken: (UInt64, UInt64) -> Bool) -> TCPC {
    if taken(r.pointee[Int(pc.pointee.dst)], b) { return jump(pc, k, Int(pc.pointee.off)) }
    return pc + 1
  }

  @inline(__always)
  mutating func sbranch(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ b: UInt64, _ taken: (Int64, Int64) -> Bool) -> TCPC {
    if taken(Int64(bitPattern: r.pointee[Int(pc.pointee.dst)]), Int64(bitPattern: b)) {
      return jump(pc, k, Int(pc.pointee.off))
    }
    return pc + 1
  }

  @inline(__always)
  mutating func branch32(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ b: UInt64, _ taken: (UInt32, UInt32) -> Bool)
    -> TCPC
  {
    if taken(UInt32(truncatingIfNeeded: r.pointee[Int(pc.pointee.dst)]), UInt32(truncatingIfNeeded: b)) {
      return jump(pc, k, Int(pc.pointee.off))
    }
    return pc + 1
  }

  @inline(__always)
  mutating func sbranch32(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ b: UInt64, _ taken: (Int32, Int32) -> Bool)
    -> TCPC
  {
    if taken(Int32(truncatingIfNeeded: r.pointee[Int(pc.pointee.dst)]), Int32(truncatingIfNeeded: b)) {
      return jump(pc, k, Int(pc.pointee.off))
    }
    return pc + 1
  }

  // MARK: Superinstructions

  /// `rX = f(rY, b)`: a move and an operation on its destination.
  @inline(__always)
  func movOp(_ r: TCRegs, _ pc: TCPC, _ b: UInt64, _ f: (UInt64, UInt64) -> UInt64) -> TCPC {
    r.pointee[Int(pc.pointee.dst)] = f(r.pointee[Int(pc.pointee.src)], b)
    return pc + 2
  }

  /// `rX = rY; rX = f(rX, rZ)` with Z in imm (Z may be X: it then reads the moved value).
  @inline(__always)
  func movOpRegister(_ r: TCRegs, _ pc: TCPC, _ f: (UInt64, UInt64) -> UInt64) -> TCPC {
    let x = Int(pc.pointee.dst)
    r.pointee[x] = r.pointee[Int(pc.pointee.src)]
    r.pointee[x] = f(r.pointee[x], r.pointee[Int(pc.pointee.imm & 0xF)])
    return pc + 2
  }

  /// `rD = value; if taken(rD) goto off` where the branch is the second instruction.
  @inline(__always)
  mutating func opBranch(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ value: UInt64, _ taken: (UInt64) -> Bool) -> TCPC {
    r.pointee[Int(pc.pointee.dst)] = value
    if taken(value) { return jump(pc + 1, k, Int(pc.pointee.off)) }
    return pc + 2
  }

  /// `rD += imm; if taken(rD, rS) goto off` where the branch is the second instruction.
  @inline(__always)
  mutating func addBranch(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ taken: (UInt64, UInt64) -> Bool) -> TCPC {
    let d = Int(pc.pointee.dst)
    r.pointee[d] = r.pointee[d] &+ Semantics.imm64(pc.pointee.imm)
    if taken(r.pointee[d], r.pointee[Int(pc.pointee.src)]) { return jump(pc + 1, k, Int(pc.pointee.off)) }
    return pc + 2
  }

  /// `rX = rY; if taken(rY, imm) goto off` where the branch is the second instruction.
  @inline(__always)
  mutating func movBranch(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ taken: (UInt64, UInt64) -> Bool) -> TCPC {
    let y = r.pointee[Int(pc.pointee.src)]
    r.pointee[Int(pc.pointee.dst)] = y
    if taken(y, Semantics.imm64(pc.pointee.imm)) { return jump(pc + 1, k, Int(pc.pointee.off)) }
    return pc + 2
  }

  /// `rX = rY & imm; if taken(rX) goto off` where the branch is the third instruction.
  @inline(__always)
  mutating func movAndBranch(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, _ taken: (UInt64) -> Bool) -> TCPC {
    let x = r.pointee[Int(pc.pointee.src)] & Semantics.imm64(pc.pointee.imm)
    r.pointee[Int(pc.pointee.dst)] = x
    if taken(x) { return jump(pc + 2, k, Int(pc.pointee.off)) }
    return pc + 3
  }

  /// `rD = rA + rB; rX = *(T *)(rD + off)`: array indexing; a fault is reported at the load.
  @inline(__always)
  mutating func movAddLoad<T: FixedWidthInteger>(_ r: TCRegs, _ pc: TCPC, _ rt: TCTable, _ k: TCAnchor, _: T.Type)
    -> TCPC
  {
    let d = Int(pc.pointee.dst)
    let sum = r.pointee[Int(pc.pointee.src)] &+ r.pointee[Int(pc.pointee.imm & 0xF)]
    r.pointee[d] = sum
    let address = sum &+ UInt64(bitPattern: Int64(pc.pointee.off))
    let table = rt.pointee.assumingMemoryBound(to: RegionEntry.self)
    guard let p = translateRead(table, address, UInt64(MemoryLayout<T>.size)) else {
      return memoryFault(pc + 2, k, address, MemoryLayout<T>.size, write: false)
    }
    r.pointee[Int((pc.pointee.imm >> 8) & 0xF)] = UInt64(
      truncatingIfNeeded: T(littleEndian: p.loadUnaligned(as: T.self)))
    return pc + 3
  }

  // MARK: Calls

  @inline(__always)
  mutating func setStackLimit(_ regs: UnsafeMutablePointer<UInt64>) {
    let limit = UInt64((depth + 1) * frameSize)
    regs[10] = stackBase &+ limit
    stackEntry.pointee.readLimit = limit
    stackEntry.pointee.writeHigh = limit
  }

  /// Zeroes the frame at `depth`, entered for the first time in this run.
  @inline(never)
  mutating func zeroFrame() {
    zeroedDepth = depth
    stackEntry.pointee.host.unsafelyUnwrapped.advanced(by: depth * frameSize)
      .initializeMemory(as: UInt8.self, repeating: 0, count: frameSize)
  }

  @inline(__always)
  mutating func callLocal(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor) -> TCPC {
    if _slowPath(Int(bitPattern: pc) >= k.pointee) { return stop(.budget, pc, k) }
    if _slowPath(depth + 1 >= maxDepth) { return stop(.callDepth, pc, k) }
    let regs = r.pointee
    frames[depth] = CallFrame(returnPC: pc + 1, r6: regs[6], r7: regs[7], r8: regs[8], r9: regs[9])
    depth += 1
    if depth > zeroedDepth { zeroFrame() }
    setStackLimit(regs)
    let delta = Int(pc.pointee.imm)
    k.pointee &+= delta &* opStride
    return pc + (delta &+ 1)
  }

  @inline(__always)
  mutating func exit(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor) -> TCPC {
    if _slowPath(Int(bitPattern: pc) >= k.pointee) { return stop(.budget, pc, k) }
    if depth == 0 { return stop(.exit, pc, k) }
    depth -= 1
    let frame = frames[depth]
    let regs = r.pointee
    regs[6] = frame.r6
    regs[7] = frame.r7
    regs[8] = frame.r8
    regs[9] = frame.r9
    setStackLimit(regs)
    k.pointee &+= Int(bitPattern: frame.returnPC) &- Int(bitPattern: pc) &- opStride
    return frame.returnPC
  }

  @inline(never)
  mutating func callHelper(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, id: Int64) -> TCPC {
    // The engine and the helper's box outlive the call: use them without retaining.
    self.engine._withUnsafeGuaranteedRef { engine in callHelper(r, pc, k, id: id, engine: engine) }
  }

  @inline(__always)
  mutating func callHelper(_ r: TCRegs, _ pc: TCPC, _ k: TCAnchor, id: Int64, engine: ThreadedEngine) -> TCPC {
    let regs = r.pointee
    guard let id32 = Int32(exactly: id), let box = engine.helperBoxes.box(id32) else {
      engine.pendingFault = .unknownHelper(id)
      return stop(.engineFault, pc, k)
    }
    let call = HelperCall(
      id: id32, pc: engine.slotPC(of: pc), r1: regs[1], r2: regs[2], r3: regs[3], r4: regs[4],
      r5: regs[5], memory: engine.memory, tailCallCount: engine.tailCalls)
    switch box._withUnsafeGuaranteedRef({ $0.function(call) }) {
    case .value(let v):
      regs[0] = v
      return pc + 1
    case .exit(let v):
      regs[0] = v
      return stop(.exit, pc, k)
    case .fault(let message):
      engine.pendingFault = .helperFailed(id: id32, message: message)
      return stop(.engineFault, pc, k)
    case .tailCall(let program):
      guard engine.tailCalls < engine.maxTailCalls else {
        engine.pendingFault = .tailCallLimit(engine.maxTailCalls)
        return stop(.engineFault, pc, k)
      }
      let code = engine.enter(program, tailCall: true)
      engine.tailCalls += 1
      // Instructions left in the budget after this call, carried over to the new program.
      let remaining = (k.pointee &- Int(bitPattern: pc)) / opStride &- 1
      self.code = code.start
      halt = code.halt
      constants = UnsafePointer(code.constantPool)
      depth = 0
      setStackLimit(regs)
      regs[1] = call.r1
      k.pointee = Int(bitPattern: code.start) &+ remaining &* opStride
      return code.start
    }
  }
}

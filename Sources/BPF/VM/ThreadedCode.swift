import CBPFInterpreter

/// A program translated for the direct-threaded engine: one 16-byte op per instruction (an LDDW
/// is one op whose value sits in a constant pool), then a `fellOff` sentinel and the `halt` op.
/// Op index = instruction index, which is what makes budget accounting exact (see ThreadedState).
final class ThreadedCode: @unchecked Sendable {
  /// The ops; immutable after init.
  let ops: UnsafeMutablePointer<bpf_op>
  let count: Int
  let constantPool: UnsafeMutablePointer<UInt64>
  /// Slot index of each op, for faults and helper calls.
  let slotOfOp: [Int]

  var start: TCPC { UnsafePointer(ops) }
  var halt: TCPC { UnsafePointer(ops + count + 1) }

  /// Translates `program`; memory instructions whose slot is in `unchecked` skip their checks;
  /// `fusing` enables superinstructions (ThreadedCode+Fusion.swift).
  init(_ program: DecodedProgram, wideValues: [Int: UInt64], unchecked: Set<Int>, fusing: Bool = true) {
    let instructions = program.instructions
    count = instructions.count
    var opOfSlot = [Int](repeating: 0, count: program.slots.count + 1)
    for (i, entry) in instructions.enumerated() { opOfSlot[entry.pc] = i }
    slotOfOp = instructions.map(\.pc) + [program.slots.count, program.slots.count]
    ops = .allocate(capacity: count + 2)
    constantPool = .allocate(capacity: max(1, wideValues.count))
    var constants = 0
    let littleEndianHost = UInt16(1).littleEndian == 1
    var built: [ThreadedOp] = []
    built.reserveCapacity(count)
    for (i, (pc, insn)) in instructions.enumerated() {
      /// Offset in ops from the next op to the op at slot `target`.
      func delta(_ slotOffset: Int) -> Int { opOfSlot[pc + 1 + slotOffset] - i - 1 }
      var op = ThreadedOp(.halt)
      switch insn {
      case .alu(let operation, let size, let dst, let source):
        op = Self.alu(operation, size, source)
        op.dst = dst.index
        switch source {
        case .register(let s): op.src = s.index
        case .immediate(let v): op.imm = v
        }
      case .negate(let size, let dst):
        op = ThreadedOp(size == .bits64 ? .neg64 : .neg32, dst: dst.index)
      case .byteSwap(let kind, let bits, let dst):
        let swaps = kind == .unconditional || (kind == .toBigEndian) == littleEndianHost
        let h: ThreadedHandler =
          switch (swaps, bits) {
          case (true, 16): .bswap16
          case (true, 32): .bswap32
          case (true, _): .bswap64
          case (false, 16): .zext16
          case (false, 32): .zext32
          case (false, _): .nop
          }
        op = ThreadedOp(h, dst: dst.index)
      case .load(let width, let sx, let dst, let base, let offset):
        op = ThreadedOp(Self.load(width, sx, unchecked.contains(pc)), dst: dst.index, src: base.index, off: offset)
      case .store(let width, let base, let offset, let value):
        let fast = unchecked.contains(pc)
        switch value {
        case .register(let s):
          op = ThreadedOp(Self.store(width, register: true, fast), dst: base.index, src: s.index, off: offset)
        case .immediate(let v):
          op = ThreadedOp(Self.store(width, register: false, fast), dst: base.index, off: offset, imm: v)
        }
      case .atomic(let operation, let width, let base, let offset, let src):
        let fast = unchecked.contains(pc)
        let h: ThreadedHandler = width == .word ? (fast ? .atomic32U : .atomic32) : (fast ? .atomic64U : .atomic64)
        op = ThreadedOp(h, dst: base.index, src: src.index, off: offset, imm: operation.immediate)
      case .loadImmediate64(let dst, _):
        constantPool[constants] = wideValues[pc] ?? 0
        op = ThreadedOp(.lddw, dst: dst.index, imm: Int32(constants))
        constants += 1
      case .jump(let offset, _):
        op = ThreadedOp(.ja, imm: Int32(delta(Int(offset))))
      case .branch(let cond, let size, let dst, let source, let offset):
        op = ThreadedOp(Self.branch(cond, size, source), dst: dst.index, off: Int16(delta(Int(offset))))
        switch source {
        case .register(let s): op.src = s.index
        case .immediate(let v): op.imm = v
        }
      case .call(let id):
        op = ThreadedOp(.callHelper, imm: id)
      case .callRegister(let r):
        op = ThreadedOp(.callx, dst: r.index)
      case .callLocal(let offset):
        op = ThreadedOp(.callLocal, imm: Int32(delta(Int(offset))))
      case .exit:
        op = ThreadedOp(.exit)
      case .legacyPacketLoad, .callBTF:
        op = ThreadedOp(.fellOff)  // rejected by Program before translation
      }
      built.append(op)
    }
    for (i, op) in built.enumerated() {
      let fused = fusing ? Self.fuse(built, at: i) : nil
      ops[i] = (fused ?? op).raw
    }
    ops[count] = ThreadedOp(.fellOff).raw
    ops[count + 1] = ThreadedOp(.halt).raw
  }

  deinit {
    ops.deallocate()
    constantPool.deallocate()
  }

  /// Slot index of the instruction at `pc`.
  func slot(of pc: TCPC) -> Int {
    let i = pc - start
    return slotOfOp.indices.contains(i) ? slotOfOp[i] : slotOfOp.last ?? 0
  }

  /// The atomic operation encoded in an op's imm (the instruction's own encoding).
  static func atomicOperation(_ imm: Int32) -> AtomicOperation {
    switch imm {
    case 0x00: .add(fetch: false)
    case 0x01: .add(fetch: true)
    case 0x40: .or(fetch: false)
    case 0x41: .or(fetch: true)
    case 0x50: .and(fetch: false)
    case 0x51: .and(fetch: true)
    case 0xA0: .xor(fetch: false)
    case 0xA1: .xor(fetch: true)
    case Opcode.atomicXchg: .exchange
    default: .compareExchange
    }
  }

  static func alu(_ op: ALUOperation, _ size: OperandSize, _ source: Source) -> ThreadedOp {
    if case .register = source {
      switch (op, size) {
      case (.movsx8, .bits64): return ThreadedOp(.movsx8to64)
      case (.movsx16, .bits64): return ThreadedOp(.movsx16to64)
      case (.movsx32, _): return ThreadedOp(.movsx32to64)
      case (.movsx8, .bits32): return ThreadedOp(.movsx8to32)
      case (.movsx16, .bits32): return ThreadedOp(.movsx16to32)
      default: break
      }
    }
    let index: Int =
      switch op {
      case .add: 0
      case .sub: 1
      case .mul: 2
      case .div: 3
      case .sdiv: 4
      case .or: 5
      case .and: 6
      case .lsh: 7
      case .rsh: 8
      case .mod: 9
      case .smod: 10
      case .xor: 11
      case .mov, .movsx8, .movsx16, .movsx32: 12
      case .arsh: 13
      }
    var group = size == .bits64 ? ThreadedHandler.add64i.rawValue : ThreadedHandler.add32i.rawValue
    if case .register = source { group += 14 }
    return ThreadedOp(ThreadedHandler(rawValue: group + index) ?? .fellOff)
  }

  static func branch(_ cond: JumpCondition, _ size: OperandSize, _ source: Source) -> ThreadedHandler {
    let index: Int =
      switch cond {
      case .eq: 0
      case .ne: 1
      case .gt: 2
      case .ge: 3
      case .lt: 4
      case .le: 5
      case .set: 6
      case .sgt: 7
      case .sge: 8
      case .slt: 9
      case .sle: 10
      }
    var group = size == .bits64 ? ThreadedHandler.jeq64i.rawValue : ThreadedHandler.jeq32i.rawValue
    if case .register = source { group += 11 }
    return ThreadedHandler(rawValue: group + index) ?? .fellOff
  }

  static func load(_ width: MemoryWidth, _ sx: Bool, _ unchecked: Bool) -> ThreadedHandler {
    let h: ThreadedHandler =
      switch (width, sx) {
      case (.byte, false): .ldxb
      case (.halfWord, false): .ldxh
      case (.word, false): .ldxw
      case (.doubleWord, _): .ldxdw
      case (.byte, true): .ldxsb
      case (.halfWord, true): .ldxsh
      case (.word, true): .ldxsw
      }
    return unchecked
      ? ThreadedHandler(
        rawValue: h.rawValue - ThreadedHandler.ldxb.rawValue
          + ThreadedHandler.ldxbU.rawValue) ?? h : h
  }

  static func store(_ width: MemoryWidth, register: Bool, _ unchecked: Bool) -> ThreadedHandler {
    let h: ThreadedHandler =
      switch (width, register) {
      case (.byte, false): .stb
      case (.halfWord, false): .sth
      case (.word, false): .stw
      case (.doubleWord, false): .stdw
      case (.byte, true): .stxb
      case (.halfWord, true): .stxh
      case (.word, true): .stxw
      case (.doubleWord, true): .stxdw
      }
    return unchecked
      ? ThreadedHandler(
        rawValue: h.rawValue - ThreadedHandler.stb.rawValue
          + ThreadedHandler.stbU.rawValue) ?? h : h
  }
}

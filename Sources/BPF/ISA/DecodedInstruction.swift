/// A validated eBPF instruction in typed form: what the verifier, the interpreter and the
/// disassemblers switch over. Decoding (`DecodedInstruction+Decode.swift`) rejects every
/// encoding RFC 9669 does not define; encoding (`+Encode`) is its exact inverse.
///
/// Jump and local-call offsets are kept as encoded: relative to the next slot, in slots.
public enum DecodedInstruction: Hashable, Sendable {
  /// `dst = dst <op> source` on the low 32 bits (result zero-extended) or on all 64 bits.
  case alu(ALUOperation, OperandSize, dst: Register, source: Source)
  /// `dst = -dst`.
  case negate(OperandSize, dst: Register)
  /// Byte-order conversion of the low `bits` bits of `dst` (16, 32 or 64), zero-extending.
  case byteSwap(ByteSwapKind, bits: UInt8, dst: Register)
  /// `dst = *(width *)(base + offset)`, zero- or sign-extended.
  case load(MemoryWidth, signExtending: Bool, dst: Register, base: Register, offset: Int16)
  /// `*(width *)(base + offset) = value`.
  case store(MemoryWidth, base: Register, offset: Int16, value: Source)
  /// An atomic read-modify-write of a word or double word at `base + offset` with `src`.
  case atomic(AtomicOperation, MemoryWidth, base: Register, offset: Int16, src: Register)
  /// LDDW: a 64-bit immediate or one of its pseudo forms (map references, addresses).
  case loadImmediate64(dst: Register, value: WideImmediate)
  /// Legacy packet loads (LD_ABS / LD_IND): decoded so tools can name them; not executed.
  case legacyPacketLoad(MemoryWidth, index: Register?, immediate: Int32)
  /// Unconditional jump: `ja` (16-bit offset) or `ja32`/`gotol` (32-bit offset, `long`).
  case jump(offset: Int32, long: Bool)
  /// `if dst <cond> source goto offset`, comparing 32 or 64 bits.
  case branch(JumpCondition, OperandSize, dst: Register, source: Source, offset: Int16)
  /// Call of the helper function with this id.
  case call(helper: Int32)
  /// Call of a local function at `offset` slots after the next instruction.
  case callLocal(offset: Int32)
  /// Call of a kernel function by BTF id.
  case callBTF(id: Int32)
  /// `callx`: call of the helper whose id is in `register` (the conformance suite's convention).
  case callRegister(Register)
  /// Return from the current function (or the program).
  case exit

  /// Number of 8-byte slots the instruction occupies (2 for LDDW).
  public var slotCount: Int {
    if case .loadImmediate64 = self { return 2 }
    return 1
  }

  /// The pc-relative target of a jump, branch, local call or code-address load (all relative to
  /// `pc + 1`, as in Linux), as a slot index.
  public func target(from pc: Int) -> Int? {
    switch self {
    case .loadImmediate64(_, .codeAddress(let offset)): return pc + 1 + Int(offset)
    case .jump(let offset, _): return pc + 1 + Int(offset)
    case .branch(_, _, _, _, let offset): return pc + 1 + Int(offset)
    case .callLocal(let offset): return pc + 1 + Int(offset)
    default: return nil
    }
  }
}

/// The second operand of an ALU, store or branch instruction.
public enum Source: Hashable, Sendable {
  /// A register.
  case register(Register)
  /// The 32-bit immediate (sign-extended where the operation is 64-bit).
  case immediate(Int32)
}

/// 32-bit (ALU, JMP32) or 64-bit (ALU64, JMP) operation.
public enum OperandSize: Hashable, Sendable {
  /// Operates on the low 32 bits; ALU results are zero-extended.
  case bits32
  /// Operates on all 64 bits.
  case bits64
}

/// The arithmetic operations of the ALU classes (NEG and the byte swaps have their own cases).
public enum ALUOperation: Hashable, Sendable, CaseIterable {
  /// Addition (wrapping).
  case add
  /// Subtraction (wrapping).
  case sub
  /// Multiplication (wrapping).
  case mul
  /// Unsigned division; division by zero gives 0.
  case div
  /// Signed division (offset 1); by zero gives 0, INT_MIN / -1 gives INT_MIN.
  case sdiv
  /// Bitwise or.
  case or
  /// Bitwise and.
  case and
  /// Left shift, count masked to the operand size.
  case lsh
  /// Logical right shift, count masked.
  case rsh
  /// Unsigned modulo; modulo by zero leaves dst unchanged (low 32 bits for ALU).
  case mod
  /// Signed modulo (offset 1), truncated; by zero leaves dst unchanged, INT_MIN % -1 gives 0.
  case smod
  /// Bitwise exclusive or.
  case xor
  /// Move.
  case mov
  /// Move with sign extension from 8 bits (offset 8, register source).
  case movsx8
  /// Move with sign extension from 16 bits (offset 16).
  case movsx16
  /// Move with sign extension from 32 bits (offset 32, ALU64 only).
  case movsx32
  /// Arithmetic right shift, count masked.
  case arsh

  /// The high nibble of the opcode for this operation.
  public var opcodeBits: UInt8 {
    switch self {
    case .add: 0x00
    case .sub: 0x10
    case .mul: 0x20
    case .div, .sdiv: 0x30
    case .or: 0x40
    case .and: 0x50
    case .lsh: 0x60
    case .rsh: 0x70
    case .mod, .smod: 0x90
    case .xor: 0xA0
    case .mov, .movsx8, .movsx16, .movsx32: 0xB0
    case .arsh: 0xC0
    }
  }

  /// The offset field that distinguishes signed and sign-extending variants.
  public var offsetField: Int16 {
    switch self {
    case .sdiv, .smod: 1
    case .movsx8: 8
    case .movsx16: 16
    case .movsx32: 32
    default: 0
    }
  }
}

/// Byte-order conversions.
public enum ByteSwapKind: Hashable, Sendable {
  /// `le16/32/64`: to little-endian (a truncation on a little-endian machine).
  case toLittleEndian
  /// `be16/32/64`: to big-endian.
  case toBigEndian
  /// `bswap16/32/64`: unconditional swap (ALU64 class, v4).
  case unconditional
}

/// Access width of loads, stores and atomics.
public enum MemoryWidth: Hashable, Sendable, CaseIterable {
  /// 1 byte.
  case byte
  /// 2 bytes.
  case halfWord
  /// 4 bytes.
  case word
  /// 8 bytes.
  case doubleWord

  /// Width in bytes.
  public var bytes: Int {
    switch self {
    case .byte: 1
    case .halfWord: 2
    case .word: 4
    case .doubleWord: 8
    }
  }

  /// The size field of the opcode.
  public var sizeBits: UInt8 {
    switch self {
    case .byte: Opcode.sizeB
    case .halfWord: Opcode.sizeH
    case .word: Opcode.sizeW
    case .doubleWord: Opcode.sizeDW
    }
  }
}

/// Atomic read-modify-write operations.
public enum AtomicOperation: Hashable, Sendable {
  /// `lock add`, optionally fetching the old value into src.
  case add(fetch: Bool)
  /// `lock or`.
  case or(fetch: Bool)
  /// `lock and`.
  case and(fetch: Bool)
  /// `lock xor`.
  case xor(fetch: Bool)
  /// `lock xchg`: src and memory swap.
  case exchange
  /// `lock cmpxchg`: if memory == r0 then memory = src; r0 = old value.
  case compareExchange

  /// The `imm` field encoding.
  public var immediate: Int32 {
    switch self {
    case .add(let f): f ? 0x01 : 0x00
    case .or(let f): f ? 0x41 : 0x40
    case .and(let f): f ? 0x51 : 0x50
    case .xor(let f): f ? 0xA1 : 0xA0
    case .exchange: Opcode.atomicXchg
    case .compareExchange: Opcode.atomicCmpxchg
    }
  }

  /// True when the old value is written back to a register.
  public var fetches: Bool {
    switch self {
    case .add(let f), .or(let f), .and(let f), .xor(let f): f
    case .exchange, .compareExchange: true
    }
  }
}

/// Conditions of conditional jumps.
public enum JumpCondition: Hashable, Sendable, CaseIterable {
  /// `==`.
  case eq
  /// Unsigned `>`.
  case gt
  /// Unsigned `>=`.
  case ge
  /// `dst & src != 0`.
  case set
  /// `!=`.
  case ne
  /// Signed `>`.
  case sgt
  /// Signed `>=`.
  case sge
  /// Unsigned `<`.
  case lt
  /// Unsigned `<=`.
  case le
  /// Signed `<`.
  case slt
  /// Signed `<=`.
  case sle

  /// The high nibble of the opcode.
  public var opcodeBits: UInt8 {
    switch self {
    case .eq: 0x10
    case .gt: 0x20
    case .ge: 0x30
    case .set: 0x40
    case .ne: 0x50
    case .sgt: 0x60
    case .sge: 0x70
    case .lt: 0xA0
    case .le: 0xB0
    case .slt: 0xC0
    case .sle: 0xD0
    }
  }
}

/// What an LDDW loads, by its `src` field (RFC 9669 §4.4).
public enum WideImmediate: Hashable, Sendable {
  /// src 0: the 64-bit constant.
  case value(UInt64)
  /// src 1: the map with this file descriptor.
  case mapByFD(Int32)
  /// src 2: the address of the map's value plus `offset`.
  case mapValue(fd: Int32, offset: Int32)
  /// src 3: the address of the variable with this id.
  case variableAddress(Int32)
  /// src 4: the address of the instruction at `pc + 1 + offset` (Linux's BPF_PSEUDO_FUNC).
  case codeAddress(Int32)
  /// src 5: the map with this index in the program's map table.
  case mapByIndex(Int32)
  /// src 6: the address of the value of the map with this index, plus `offset`.
  case mapValueByIndex(index: Int32, offset: Int32)

  /// The `src` field of the first slot.
  public var sourceField: UInt8 {
    switch self {
    case .value: 0
    case .mapByFD: 1
    case .mapValue: 2
    case .variableAddress: 3
    case .codeAddress: 4
    case .mapByIndex: 5
    case .mapValueByIndex: 6
    }
  }
}

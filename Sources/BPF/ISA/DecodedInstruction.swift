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

/// Byte-order conversions.
public enum ByteSwapKind: Hashable, Sendable {
  /// `le16/32/64`: to little-endian (a truncation on a little-endian machine).
  case toLittleEndian
  /// `be16/32/64`: to big-endian.
  case toBigEndian
  /// `bswap16/32/64`: unconditional swap (ALU64 class, v4).
  case unconditional
}

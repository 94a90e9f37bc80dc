/// Why a slot sequence is not a valid eBPF program, and where.
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Slot index of the offending instruction.
  public let pc: Int
  /// What is wrong.
  public let kind: Kind

  /// Creates an error at `pc`.
  public init(pc: Int, _ kind: Kind) {
    self.pc = pc
    self.kind = kind
  }

  /// An instruction field, for messages.
  public enum Field: String, Hashable, Sendable {
    /// The destination register field.
    case dst
    /// The source register field.
    case src
    /// The 16-bit offset.
    case offset
    /// The 32-bit immediate.
    case imm
  }

  /// The kinds of decoding and validation failures.
  public enum Kind: Hashable, Sendable {
    /// The program has no instructions.
    case emptyProgram
    /// The byte length is not a multiple of 8.
    case partialSlot(byteCount: Int)
    /// No instruction has this opcode.
    case unknownOpcode(UInt8)
    /// A register field names r11–r15.
    case invalidRegister(Field, UInt8)
    /// The instruction would write r10, the read-only frame pointer.
    case frameRegisterWritten
    /// A field the instruction does not use is not zero.
    case nonzeroField(Field, Int64)
    /// The offset field has a value the opcode does not define (e.g. movsx width, sdiv flag).
    case invalidOffset(Int16)
    /// The immediate has a value the opcode does not define (byte-swap width, atomic operation).
    case invalidImmediate(Int32)
    /// An LDDW in the last slot: its second half is missing.
    case truncatedWideInstruction
    /// The second slot of an LDDW has a non-zero opcode, register or offset.
    case malformedWideSecondSlot
    /// An LDDW `src` value outside 0–6.
    case unknownPseudoSource(UInt8)
    /// A call `src` value outside 0–2.
    case unknownCallSource(UInt8)
    /// A jump or call lands outside the program.
    case jumpOutOfRange(target: Int, count: Int)
    /// A jump or call lands on the second slot of an LDDW.
    case jumpIntoWideInstruction(target: Int)
    /// The last instruction can fall through past the end of the program.
    case fallsOffEnd
  }

  /// `pc N: <what is wrong>`.
  public var description: String { "pc \(pc): \(message)" }

  /// The message without the pc.
  public var message: String {
    switch kind {
    case .emptyProgram: return "program has no instructions"
    case .partialSlot(let n): return "program length \(n) bytes is not a multiple of 8"
    case .unknownOpcode(let op): return "unknown opcode \(hex(op))"
    case .invalidRegister(let f, let v): return "invalid register r\(v) in \(f.rawValue) field"
    case .frameRegisterWritten: return "instruction writes r10, the read-only frame pointer"
    case .nonzeroField(let f, let v): return "unused \(f.rawValue) field must be 0 (is \(v))"
    case .invalidOffset(let v): return "invalid offset \(v) for this opcode"
    case .invalidImmediate(let v): return "invalid immediate \(v) for this opcode"
    case .truncatedWideInstruction: return "LDDW cut in half: its second slot is missing"
    case .malformedWideSecondSlot: return "second slot of LDDW must have opcode, registers and offset 0"
    case .unknownPseudoSource(let s): return "unknown LDDW pseudo source \(s)"
    case .unknownCallSource(let s): return "unknown call source \(s)"
    case .jumpOutOfRange(let t, let n): return "jump target \(t) is outside the program (0..<\(n))"
    case .jumpIntoWideInstruction(let t): return "jump target \(t) is the second slot of an LDDW"
    case .fallsOffEnd: return "last instruction falls through past the end of the program"
    }
  }
}

func hex(_ v: UInt8) -> String {
  let s = String(v, radix: 16)
  return "0x" + (s.count < 2 ? "0" + s : s)
}

/// Field values of the RFC 9669 opcode byte.
///
/// The low three bits are the class. ALU and jump classes put the source flag in bit 3 and the
/// operation in the high nibble; load and store classes put the size in bits 3–4 and the mode in
/// the high three bits.
public enum Opcode {
  /// LD: 64-bit immediate loads (and the legacy packet loads).
  public static let classLD: UInt8 = 0x00
  /// LDX: loads from memory into a register.
  public static let classLDX: UInt8 = 0x01
  /// ST: stores of an immediate.
  public static let classST: UInt8 = 0x02
  /// STX: stores of a register and atomics.
  public static let classSTX: UInt8 = 0x03
  /// ALU: 32-bit arithmetic.
  public static let classALU: UInt8 = 0x04
  /// JMP: 64-bit jumps, calls and exit.
  public static let classJMP: UInt8 = 0x05
  /// JMP32: 32-bit jumps.
  public static let classJMP32: UInt8 = 0x06
  /// ALU64: 64-bit arithmetic.
  public static let classALU64: UInt8 = 0x07

  /// Source flag: the operand is the register `src` (otherwise the immediate).
  public static let sourceRegister: UInt8 = 0x08

  /// Size field of load/store opcodes: 4 bytes.
  public static let sizeW: UInt8 = 0x00
  /// Size field: 2 bytes.
  public static let sizeH: UInt8 = 0x08
  /// Size field: 1 byte.
  public static let sizeB: UInt8 = 0x10
  /// Size field: 8 bytes.
  public static let sizeDW: UInt8 = 0x18

  /// Mode field: 64-bit immediate (LDDW).
  public static let modeIMM: UInt8 = 0x00
  /// Mode field: legacy absolute packet load.
  public static let modeABS: UInt8 = 0x20
  /// Mode field: legacy indirect packet load.
  public static let modeIND: UInt8 = 0x40
  /// Mode field: regular memory access.
  public static let modeMEM: UInt8 = 0x60
  /// Mode field: sign-extending load.
  public static let modeMEMSX: UInt8 = 0x80
  /// Mode field: atomic operation.
  public static let modeATOMIC: UInt8 = 0xC0

  /// `lddw`: the first slot of a 64-bit immediate load.
  public static let lddw: UInt8 = 0x18
  /// `call` by immediate (helper, local function or BTF id, chosen by `src`).
  public static let call: UInt8 = 0x85
  /// `callx`: call through the register in `dst`.
  public static let callx: UInt8 = 0x8D
  /// `exit`.
  public static let exit: UInt8 = 0x95
  /// `ja`: unconditional jump with a 16-bit offset.
  public static let ja: UInt8 = 0x05
  /// `ja32` / `gotol`: unconditional jump with a 32-bit offset in `imm`.
  public static let ja32: UInt8 = 0x06

  /// Atomic operation immediates (the `imm` field of an atomic instruction).
  public static let atomicFetch: Int32 = 0x01
  /// `xchg` (always fetches).
  public static let atomicXchg: Int32 = 0xE1
  /// `cmpxchg` (always fetches).
  public static let atomicCmpxchg: Int32 = 0xF1
}

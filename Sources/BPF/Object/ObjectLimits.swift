/// Caps on the work a loader does for one input, so hostile or garbage files fail fast.
///
/// Every count read from an input is compared with these before anything is allocated or looped
/// over. The defaults are far above what clang produces for real programs (the kernel itself caps
/// BTF at 2^20 types and programs at 2^20 instructions).
public struct ObjectLimits: Sendable, Hashable {
  /// Largest accepted input, in bytes.
  public var maxFileSize: Int = 256 << 20
  /// Largest number of ELF sections.
  public var maxSections: Int = 65_280
  /// Largest number of symbols in the symbol table.
  public var maxSymbols: Int = 1 << 20
  /// Largest number of relocation entries over all relocation sections.
  public var maxRelocations: Int = 1 << 20
  /// Largest number of BTF types.
  public var maxBTFTypes: Int = 1 << 20
  /// Largest number of BTF.ext records (func_info + line_info + CO-RE) over all sections.
  public var maxBTFExtRecords: Int = 1 << 22
  /// Largest length of one string in a string table (names, source lines).
  public var maxStringLength: Int = 1 << 16
  /// Largest total number of string bytes decoded while loading one object.
  public var maxStringBytes: Int = 64 << 20
  /// Largest number of instruction slots over all code sections.
  public var maxInstructions: Int = 1 << 22
  /// Largest zero-filled (`.bss`-like) section.
  public var maxZeroFilledSize: Int = 256 << 20

  /// The default limits.
  public init() {}

  /// The default limits.
  public static var standard: ObjectLimits { ObjectLimits() }
}

/// Counts string bytes decoded against `ObjectLimits.maxStringBytes`.
struct StringBudget {
  private(set) var remaining: Int
  let maxLength: Int

  init(_ limits: ObjectLimits) {
    remaining = limits.maxStringBytes
    maxLength = limits.maxStringLength
  }

  /// Charges `n` bytes; false once the budget is exhausted.
  mutating func charge(_ n: Int) -> Bool {
    remaining -= n
    return remaining >= 0
  }
}

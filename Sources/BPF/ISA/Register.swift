/// One of the eleven eBPF registers: r0 (return value), r1–r5 (arguments), r6–r9 (callee-saved),
/// r10 (read-only frame pointer).
public struct Register: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The register number, 0–10.
  public let index: UInt8

  /// Creates a register; nil when `index` is not 0–10.
  public init?(_ index: UInt8) {
    guard index <= 10 else { return nil }
    self.index = index
  }

  init(unchecked index: UInt8) { self.index = index }

  /// r0 … r10.
  public static let r0 = Register(unchecked: 0)
  /// Argument 1.
  public static let r1 = Register(unchecked: 1)
  /// Argument 2.
  public static let r2 = Register(unchecked: 2)
  /// Argument 3.
  public static let r3 = Register(unchecked: 3)
  /// Argument 4.
  public static let r4 = Register(unchecked: 4)
  /// Argument 5.
  public static let r5 = Register(unchecked: 5)
  /// Callee-saved 1.
  public static let r6 = Register(unchecked: 6)
  /// Callee-saved 2.
  public static let r7 = Register(unchecked: 7)
  /// Callee-saved 3.
  public static let r8 = Register(unchecked: 8)
  /// Callee-saved 4.
  public static let r9 = Register(unchecked: 9)
  /// The frame pointer.
  public static let r10 = Register(unchecked: 10)

  /// `r<n>`.
  public var description: String { "r\(index)" }

  /// Orders by register number.
  public static func < (a: Register, b: Register) -> Bool { a.index < b.index }
}

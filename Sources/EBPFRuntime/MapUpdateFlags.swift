/// The `flags` of a map update or push: `BPF_ANY`, `BPF_NOEXIST`, `BPF_EXIST`.
public enum MapUpdateFlags: UInt64, Sendable, CaseIterable {
  /// Create or replace.
  case any = 0
  /// Create only; an existing key is an error.
  case noExist = 1
  /// Replace only; a missing key is an error. For queue and stack pushes: overwrite the oldest
  /// value when full.
  case exist = 2

  /// The C name.
  public var name: String {
    switch self {
    case .any: return "BPF_ANY"
    case .noExist: return "BPF_NOEXIST"
    case .exist: return "BPF_EXIST"
    }
  }

  /// Decodes a flags word; any other value is ``EBPFResult/invalidArgument``.
  public static func decode(_ flags: UInt64) -> MapUpdateFlags? { MapUpdateFlags(rawValue: flags) }
}

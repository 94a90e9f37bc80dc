/// Why a region cannot be registered.
public enum RegionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Every slot of the region table is in use.
  case tableFull(Int)
  /// Regions are limited to 4 GiB.
  case tooLarge(Int)

  /// The message.
  public var description: String {
    switch self {
    case .tableFull(let n): "cannot map more than \(n) memory regions"
    case .tooLarge(let n): "a memory region of \(n) bytes is too large"
    }
  }
}

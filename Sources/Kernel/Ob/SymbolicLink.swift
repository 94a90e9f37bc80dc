/// A symbolic link (the body of SymbolicLink objects): a target path substituted during lookup.
///
/// A *dynamic* link (`\KernelObjects\LowMemoryCondition`) has no target string; following it
/// yields the object a kernel callback designates — an event for the memory conditions.
public final class SymbolicLink {
  /// LinkTarget; empty for a dynamic link.
  public let target: String
  /// The object a dynamic link resolves to.
  public let dynamicTarget: KObject?
  /// Creation time (system time).
  public let creationTime: Int64

  init(target: String, creationTime: Int64, dynamicTarget: KObject? = nil) {
    self.target = target
    self.creationTime = creationTime
    self.dynamicTarget = dynamicTarget
  }
}

/// Helper functions by id.
public struct HelperFunctionTable {
  var functions: [Int32: HelperFunction] = [:]

  /// An empty table.
  public init() {}

  /// The function registered for `id`.
  public subscript(id: Int32) -> HelperFunction? {
    get { functions[id] }
    set { functions[id] = newValue }
  }

  /// Registered ids, sorted.
  public var ids: [Int32] { functions.keys.sorted() }
}

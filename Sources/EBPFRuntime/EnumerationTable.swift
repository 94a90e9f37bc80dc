/// A C enumeration as data: its type name and its named values. Program types use it for their
/// verdicts (`bind_action_t`) and their context fields use it for enum-typed members.
public struct EnumerationTable: Sendable, Hashable {
  /// One enumerator.
  public struct Case: Sendable, Hashable {
    /// The C enumerator.
    public var name: String
    /// Its value.
    public var value: Int64

    /// Creates a case.
    public init(_ name: String, _ value: Int64) {
      self.name = name
      self.value = value
    }
  }

  /// The C type name.
  public var typeName: String
  /// Enumerators in value order; aliases (such as `BIND_PERMIT`) come after the value they alias.
  public var cases: [Case]

  /// Creates a table.
  public init(_ typeName: String, _ cases: [Case]) {
    self.typeName = typeName
    self.cases = cases
  }

  /// The first enumerator with this value, or nil.
  public func name(of value: Int64) -> String? { cases.first { $0.value == value }?.name }

  /// The value of an enumerator, matched exactly.
  public func value(of name: String) -> Int64? { cases.first { $0.name == name }?.value }
}

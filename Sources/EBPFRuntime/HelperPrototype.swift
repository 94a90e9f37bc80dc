/// A helper function as the verifier sees it: id, names, return kind and argument kinds, in PREVAIL's
/// vocabulary (`ebpf_helper_function_prototype_t`).
public struct HelperPrototype: Sendable, Hashable {
  /// What a helper returns.
  public enum ReturnKind: String, Sendable, Hashable {
    /// A number.
    case integer = "INTEGER"
    /// A pointer to a value of the map passed as the first argument, or null.
    case pointerToMapValueOrNull = "PTR_TO_MAP_VALUE_OR_NULL"
    /// A number when the call fails; on success the caller does not continue (bpf_tail_call).
    case integerOrNoReturnIfSucceed = "INTEGER_OR_NO_RETURN_IF_SUCCEED"

    /// eBPF for Windows' constant name.
    public var constantName: String { "EBPF_RETURN_TYPE_" + rawValue }
  }

  /// What one argument register must hold.
  public enum ArgumentKind: String, Sendable, Hashable {
    /// Not used (registers after the last argument).
    case dontCare = "DONTCARE"
    /// Any number.
    case anything = "ANYTHING"
    /// The program's context pointer.
    case pointerToContext = "PTR_TO_CTX"
    /// A map (PREVAIL: CONST_PTR_TO_MAP).
    case pointerToMap = "PTR_TO_MAP"
    /// A program array map.
    case pointerToMapOfPrograms = "PTR_TO_MAP_OF_PROGRAMS"
    /// Readable memory of the map's key size.
    case pointerToMapKey = "PTR_TO_MAP_KEY"
    /// Readable memory of the map's value size.
    case pointerToMapValue = "PTR_TO_MAP_VALUE"
    /// Readable memory whose size is the next argument.
    case pointerToReadableMemory = "PTR_TO_READABLE_MEM"
    /// Readable memory or null, sized by the next argument.
    case pointerToReadableMemoryOrNull = "PTR_TO_READABLE_MEM_OR_NULL"
    /// Writable memory whose size is the next argument.
    case pointerToWritableMemory = "PTR_TO_WRITABLE_MEM"
    /// The size of the previous memory argument, greater than zero.
    case constSize = "CONST_SIZE"
    /// The size of the previous memory argument, zero allowed.
    case constSizeOrZero = "CONST_SIZE_OR_ZERO"

    /// eBPF for Windows' constant name.
    public var constantName: String { "EBPF_ARGUMENT_TYPE_" + rawValue }

    /// True for a memory pointer whose size is the following argument.
    public var isSizedMemory: Bool {
      self == .pointerToReadableMemory || self == .pointerToReadableMemoryOrNull || self == .pointerToWritableMemory
    }

    /// True for a size argument.
    public var isSize: Bool { self == .constSize || self == .constSizeOrZero }
  }

  /// The helper id programs call (`call <id>`).
  public var id: UInt32
  /// The C name programs use (`bpf_memcpy_s`).
  public var name: String
  /// The name the verifier reports when it differs (`bpf_memcpy`), else the C name.
  public var verifierName: String
  /// What it returns.
  public var returnKind: ReturnKind
  /// Argument kinds for r1 onwards (at most five; trailing don't-cares omitted).
  public var arguments: [ArgumentKind]

  /// Creates a prototype.
  public init(
    _ id: UInt32, _ name: String, verifierName: String? = nil, returns returnKind: ReturnKind = .integer,
    _ arguments: [ArgumentKind] = []
  ) {
    self.id = id
    self.name = name
    self.verifierName = verifierName ?? name
    self.returnKind = returnKind
    self.arguments = arguments
  }

  /// True for the helpers with ids from 65536, which each program type numbers on its own.
  public var isProgramTypeSpecific: Bool { id > HelperTable.maximumGlobalHelperID }

  /// The argument kind of register `r` (1...5); registers past the last argument are don't-care.
  public func argument(register r: Int) -> ArgumentKind {
    guard r >= 1, r <= arguments.count else { return .dontCare }
    return arguments[r - 1]
  }
}

/// What the verifier must know about where a program runs: its context structure, the helpers it
/// may call and the maps it references. The BPF module has no notion of program types; the runtime
/// builds an environment from its own tables (EBPFRuntime's `VerifierEnvironment+ProgramType`).
public struct VerifierEnvironment: Sendable, Hashable {
  /// The context structure r1 points to.
  public var context: VerifierContext
  /// The helpers the program may call, by id.
  public var helpers: [Int32: HelperSignature]
  /// The maps the program may reference; an LDDW `map_idx N` names `maps[N]`.
  public var maps: [VerifierMap]
  /// Map file descriptors (LDDW `map_fd N`) to indices into `maps`.
  public var mapIndexByFD: [Int32: Int]

  /// Creates an environment.
  public init(
    context: VerifierContext, helpers: [HelperSignature] = [], maps: [VerifierMap] = [],
    mapIndexByFD: [Int32: Int] = [:]
  ) {
    self.context = context
    var table: [Int32: HelperSignature] = [:]
    for h in helpers { table[h.id] = h }
    self.helpers = table
    self.maps = maps
    self.mapIndexByFD = mapIndexByFD
  }

  /// The map an LDDW refers to, if it names one.
  func mapIndex(for value: WideImmediate) -> Int? {
    switch value {
    case .mapByFD(let fd), .mapValue(let fd, _): return mapIndexByFD[fd]
    case .mapByIndex(let i), .mapValueByIndex(let i, _): return maps.indices.contains(Int(i)) ? Int(i) : nil
    default: return nil
    }
  }
}

/// The context structure of a program type, as the verifier sees it.
public struct VerifierContext: Sendable, Hashable {
  /// Size in bytes; accesses must stay inside.
  public var size: Int
  /// Offset of the 8-byte pointer to the start of the data region, if the type has one.
  public var dataOffset: Int?
  /// Offset of the pointer to the end of the data region.
  public var endOffset: Int?
  /// Offset of the pointer to the metadata before the data (it lies in the same region).
  public var metaOffset: Int?
  /// Byte ranges programs must not write (the data pointers and other read-only fields).
  public var readOnlyRanges: [Range<Int>]
  /// True when programs may write the data region (packets); false for read-only data (app ids).
  public var dataWritable: Bool

  /// Creates a context description.
  public init(
    size: Int, dataOffset: Int? = nil, endOffset: Int? = nil, metaOffset: Int? = nil,
    readOnlyRanges: [Range<Int>] = [], dataWritable: Bool = true
  ) {
    self.size = size
    self.dataOffset = dataOffset
    self.endOffset = endOffset
    self.metaOffset = metaOffset
    self.readOnlyRanges = readOnlyRanges
    self.dataWritable = dataWritable
  }

  /// True when the type has a data region (both its start and end pointers are present).
  public var hasData: Bool { dataOffset != nil && endOffset != nil }
}

/// A helper function's verifier prototype (PREVAIL's argument and return kinds).
public struct HelperSignature: Sendable, Hashable {
  /// What the helper returns.
  public enum Return: Sendable, Hashable {
    /// A number.
    case integer
    /// A pointer to a value of the map in r1 (for a map of maps: the inner map), or null.
    case mapValueOrNull
    /// A number when it fails; on success the program does not continue (bpf_tail_call).
    case integerOrNoReturnIfSucceed
  }

  /// What one argument register must hold.
  public enum Argument: Sendable, Hashable {
    /// Not an argument.
    case dontCare
    /// Any number.
    case anything
    /// The context pointer, unmoved.
    case context
    /// A map.
    case map
    /// A program array map.
    case programArray
    /// Readable memory of the map's key size.
    case mapKey
    /// Readable memory of the map's value size.
    case mapValue
    /// Readable memory whose size is the next argument.
    case readableMemory
    /// Readable memory or null, sized by the next argument.
    case readableMemoryOrNull
    /// Writable memory whose size is the next argument; the helper fills it.
    case writableMemory
    /// The previous argument's size, at least 1.
    case size
    /// The previous argument's size, possibly 0.
    case sizeOrZero

    /// True for a memory argument sized by the next one.
    var isSizedMemory: Bool { self == .readableMemory || self == .readableMemoryOrNull || self == .writableMemory }

    /// How PREVAIL's listing names the argument (`map_fd r1`, `mem r1[r2]`).
    var label: String {
      switch self {
      case .dontCare, .anything, .size, .sizeOrZero: "uint64_t"
      case .context: "ctx"
      case .map: "map_fd"
      case .programArray: "map_fd_programs"
      case .mapKey: "map_key"
      case .mapValue: "map_value"
      case .readableMemory: "mem"
      case .readableMemoryOrNull: "mem?"
      case .writableMemory: "out"
      }
    }
  }

  /// The id programs call.
  public var id: Int32
  /// The name the verifier prints.
  public var name: String
  /// What it returns.
  public var returns: Return
  /// Argument kinds for r1 onwards (at most five).
  public var arguments: [Argument]
  /// True when the call may move the data region (bpf_xdp_adjust_head): data pointers die.
  public var reallocatesData: Bool

  /// Creates a signature.
  public init(
    id: Int32, name: String, returns: Return = .integer, arguments: [Argument] = [], reallocatesData: Bool = false
  ) {
    self.id = id
    self.name = name
    self.returns = returns
    self.arguments = Array(arguments.prefix(5))
    self.reallocatesData = reallocatesData
  }

  /// The argument kind of register `r` (1...5).
  func argument(_ r: Int) -> Argument { r >= 1 && r <= arguments.count ? arguments[r - 1] : .dontCare }

  /// PREVAIL's listing of a call: `r0 = bpf_map_update_elem:2(map_fd r1, map_key r2, …)`.
  public var listing: String {
    var parts: [String] = []
    var r = 1
    while r <= arguments.count {
      let a = arguments[r - 1]
      if a == .dontCare { break }
      if a.isSizedMemory, r < arguments.count, arguments[r] == .size || arguments[r] == .sizeOrZero {
        let zero = arguments[r] == .sizeOrZero ? "?" : ""
        parts.append("\(a.label) r\(r)[r\(r + 1)\(zero)], uint64_t r\(r + 1)")
        r += 2
      } else {
        parts.append("\(a.label) r\(r)")
        r += 1
      }
    }
    return "r0 = \(name):\(id)(\(parts.joined(separator: ", ")))"
  }
}

/// A map as the verifier sees it.
public struct VerifierMap: Sendable, Hashable {
  /// What lookups return and which helpers accept the map.
  public enum Kind: Sendable, Hashable {
    /// An ordinary map: lookups return a pointer to a value.
    case plain
    /// A program array (bpf_tail_call's argument).
    case programArray
    /// A map of maps: lookups return the inner map `maps[innerIndex]` (its template), or null.
    case mapOfMaps(innerIndex: Int)
  }

  /// A name for messages.
  public var name: String
  /// What kind of map it is.
  public var kind: Kind
  /// Key size in bytes.
  public var keySize: Int
  /// Value size in bytes.
  public var valueSize: Int
  /// Capacity.
  public var maxEntries: Int
  /// True when programs must not write its values (constant global data).
  public var readOnly: Bool

  /// Creates a map description.
  public init(
    name: String = "", kind: Kind = .plain, keySize: Int, valueSize: Int, maxEntries: Int = 1, readOnly: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.keySize = keySize
    self.valueSize = valueSize
    self.maxEntries = maxEntries
    self.readOnly = readOnly
  }
}

/// Limits and policies of a verification.
public struct VerifierOptions: Sendable, Hashable {
  /// How much the result records for reports.
  public var level: VerificationLevel
  /// Programs with more instructions are refused.
  public var maxInstructions: Int
  /// Frames available to bpf-to-bpf calls (the program's own included), as the interpreter has.
  public var maxCallDepth: Int
  /// The most times any loop head may be reached in one run (the bounds of nested loops multiply).
  public var loopLimit: Int64
  /// The largest data region (packet, app id) the runtime hands a program.
  public var dataSizeLimit: Int64
  /// Work the analysis may spend before giving up on a program as too complex: instruction visits,
  /// each costing more in deep loop nests (whose analysis state is larger), loop-head iterations
  /// and the states kept.
  public var analysisBudget: Int

  /// Creates options; the defaults are eBPF for Windows' (division by zero is always allowed and
  /// only reported at the verbose level).
  public init(
    level: VerificationLevel = .normal, maxInstructions: Int = 1_000_000, maxCallDepth: Int = 8,
    loopLimit: Int64 = 100_000, dataSizeLimit: Int64 = 65_535, analysisBudget: Int = 1_000_000
  ) {
    self.level = level
    self.maxInstructions = maxInstructions
    self.maxCallDepth = max(1, maxCallDepth)
    self.loopLimit = loopLimit
    self.dataSizeLimit = dataSizeLimit
    self.analysisBudget = analysisBudget
  }
}

/// How much a verification report says (netsh's `level=`).
public enum VerificationLevel: String, Sendable, Hashable, CaseIterable {
  /// Failures only.
  case normal
  /// Failures with the slice of instructions that led to each.
  case informational
  /// The abstract state before and after every instruction.
  case verbose
}

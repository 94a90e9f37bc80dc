/// A parsed BTF blob (`.BTF` section): the type graph and its string table.
///
/// Parsing validates every record: each referenced type id exists, every name is a valid string,
/// and the size of every sized type resolves without looping, so later queries never fail or hang.
public struct BTF: Sendable {
  /// All types, indexed by id; index 0 is `void`.
  public let types: [BTFType]
  /// The raw string section.
  let strings: StringTable
  /// Resolved byte sizes by id; -1 for types without a size (void, functions, forwards, tags).
  let sizes: [Int64]
  /// Type ids by name, in id order.
  let byName: [String: [UInt32]]
  /// For each id, the id reached by following typedefs, qualifiers and type tags.
  let aliasTargets: [UInt32]

  /// The magic number of a BTF header (`0xeB9F`, little-endian on disk).
  static let magic: UInt16 = 0xEB9F

  /// Parses a BTF blob.
  public static func parse(bytes: [UInt8], limits: ObjectLimits = .standard) throws(BTFError) -> BTF {
    var budget = StringBudget(limits)
    return try parse(ByteView(bytes), limits: limits, budget: &budget)
  }

  /// Number of types, not counting `void`.
  public var count: Int { types.count - 1 }

  /// The type with this id, or nil when the id is out of range.
  public func type(_ id: UInt32) -> BTFType? {
    Int(id) < types.count ? types[Int(id)] : nil
  }

  /// Ids of every type with this name, in id order.
  public func types(named name: String) -> [UInt32] { byName[name] ?? [] }

  /// The first type with this name and, when given, kind.
  public func type(named name: String, kind: BTFKind? = nil) -> BTFType? {
    for id in types(named: name) where kind == nil || types[Int(id)].kind == kind {
      return types[Int(id)]
    }
    return nil
  }

  /// The string at `offset` in the string section (used for BTF.ext names and source lines).
  public func string(at offset: UInt32) -> String? {
    var budget = StringBudget(.standard)
    return try? strings.string(at: Int(offset), budget: &budget)
  }

  /// The resolved byte size of a type: pointers are 8 bytes, arrays multiply, typedefs,
  /// qualifiers and variables take their target's size; nil for void, functions, prototypes,
  /// forward declarations and declaration tags.
  public func size(of id: UInt32) -> Int? {
    guard Int(id) < sizes.count, sizes[Int(id)] >= 0 else { return nil }
    return Int(sizes[Int(id)])
  }

  /// Follows typedefs, qualifiers and type tags to the first type that is none of those.
  public func resolved(_ id: UInt32) -> UInt32 {
    Int(id) < aliasTargets.count ? aliasTargets[Int(id)] : id
  }

  /// The type reached by `resolved(_:)`.
  public func resolvedType(_ id: UInt32) -> BTFType? { type(resolved(id)) }
}

extension BTF {
  /// Parses a BTF blob from a window, charging names to `budget`.
  static func parse(_ data: ByteView, limits: ObjectLimits, budget: inout StringBudget) throws(BTFError) -> BTF {
    guard data.count >= 24 else {
      throw BTFError(.truncated, "BTF header needs 24 bytes, the section has \(data.count)")
    }
    guard let magic = data.u16(0), magic == BTF.magic else {
      throw BTFError(.badHeader, "BTF magic is \(hex(data.u16(0) ?? 0)), expected 0xeb9f (little-endian BTF)")
    }
    guard let version = data.u8(2), version == 1 else {
      throw BTFError(.badHeader, "BTF version \(data.u8(2) ?? 0) is not supported (expected 1)")
    }
    guard let flags = data.u8(3), flags == 0 else {
      throw BTFError(.badHeader, "BTF flags \(hex(data.u8(3) ?? 0)) are not supported (expected 0)")
    }
    guard let headerLength = data.u32(4), let typeOffset = data.u32(8), let typeLength = data.u32(12),
      let stringOffset = data.u32(16), let stringLength = data.u32(20)
    else { throw BTFError(.truncated, "BTF header is truncated") }
    guard headerLength >= 24, Int(headerLength) <= data.count else {
      throw BTFError(.badHeader, "BTF header length \(headerLength) is not within 24...\(data.count)")
    }
    guard let body = data.suffix(from: Int(headerLength)) else {
      throw BTFError(.badHeader, "BTF header length \(headerLength) is beyond the section")
    }
    guard let typeArea = body.slice(offset: Int(typeOffset), length: Int(typeLength)) else {
      throw BTFError(
        .badLayout,
        "BTF type section at \(hex(typeOffset)) + \(hex(typeLength)) is beyond the data (\(hex(body.count)) bytes after the header)")
    }
    guard let stringArea = body.slice(offset: Int(stringOffset), length: Int(stringLength)) else {
      throw BTFError(
        .badLayout,
        "BTF string section at \(hex(stringOffset)) + \(hex(stringLength)) is beyond the data (\(hex(body.count)) bytes after the header)")
    }
    guard typeOffset % 4 == 0 else {
      throw BTFError(.badLayout, "BTF type section offset \(hex(typeOffset)) is not 4-byte aligned")
    }
    let typeEnd = UInt64(typeOffset) + UInt64(typeLength)
    let stringEnd = UInt64(stringOffset) + UInt64(stringLength)
    if typeLength > 0, stringLength > 0, UInt64(typeOffset) < stringEnd, UInt64(stringOffset) < typeEnd {
      throw BTFError(.badLayout, "BTF type and string sections overlap")
    }
    if stringLength > 0 {
      guard stringArea.u8(0) == 0 else {
        throw BTFError(.badString, "BTF string section does not start with an empty string")
      }
      guard stringArea.u8(stringArea.count - 1) == 0 else {
        throw BTFError(.badString, "BTF string section does not end with a NUL")
      }
    }
    var reader = BTFTypeReader(
      area: typeArea, strings: StringTable(stringArea), limits: limits, budget: budget)
    let types = try reader.readAll()
    budget = reader.budget
    let sizes = try resolveSizes(types)
    try checkLayout(types, sizes)
    var byName: [String: [UInt32]] = [:]
    for t in types where !t.name.isEmpty { byName[t.name, default: []].append(t.id) }
    return BTF(
      types: types, strings: StringTable(stringArea), sizes: sizes, byName: byName, aliasTargets: resolveAliases(types))
  }

  /// The end of every alias chain, computed once. Alias edges are a subset of the size edges that
  /// `resolveSizes` proved acyclic, so each walk ends; memoisation makes the whole pass linear.
  static func resolveAliases(_ types: [BTFType]) -> [UInt32] {
    var targets = [UInt32](repeating: UInt32.max, count: types.count)
    var path: [Int] = []
    for start in types.indices where targets[start] == UInt32.max {
      path.removeAll(keepingCapacity: true)
      var current = start
      var end = UInt32(start)
      while true {
        if targets[current] != UInt32.max {
          end = targets[current]
          break
        }
        guard types[current].kind.isAlias, case .alias(let next) = types[current].detail, Int(next) < types.count,
          path.count < types.count
        else {
          end = UInt32(current)
          break
        }
        path.append(current)
        current = Int(next)
      }
      targets[current] = end
      for id in path { targets[id] = end }
    }
    return targets
  }

  /// Resolves every type's size, rejecting loops through aliases, arrays and variables.
  ///
  /// Each type has at most one size dependency, so dependencies form chains; each chain is walked
  /// once iteratively (no recursion, so a chain of a million typedefs cannot overflow the stack).
  /// What sizes alone do not catch: a struct, union or data section that contains itself by
  /// value (through members, variables, arrays or aliases — pointers break such loops legally),
  /// and a member that lies past the end of its aggregate or a global-data variable past the end
  /// of its section (when the section's size is known; clang leaves it 0 for the loader).
  static func checkLayout(_ types: [BTFType], _ sizes: [Int64]) throws(BTFError) {
    func contained(_ t: BTFType) -> [UInt32] {
      switch t.detail {
      case .alias(let next), .variable(let next, _), .array(let next, _, _): return [next]
      case .aggregate(_, let members): return members.map(\.type)
      case .dataSection(_, let variables): return variables.map(\.type)
      default: return []
      }
    }
    // Iterative depth-first search: 0 unvisited, 1 on the current path, 2 done.
    var state = [UInt8](repeating: 0, count: types.count)
    for root in types.indices where state[root] == 0 {
      var stack: [(id: Int, next: Int)] = [(root, 0)]
      state[root] = 1
      while let top = stack.last {
        let children = contained(types[top.id])
        if top.next < children.count {
          stack[stack.count - 1].next += 1
          let child = Int(children[top.next])
          guard child < types.count else { continue }
          if state[child] == 1 {
            let t = types[child]
            throw BTFError(
              .cycle,
              "BTF type \(child) (\(t.kind.dumpName) '\(t.displayName)') contains itself by value through its members")
          }
          if state[child] == 0 {
            state[child] = 1
            stack.append((child, 0))
          }
        } else {
          state[top.id] = 2
          stack.removeLast()
        }
      }
    }
    for t in types {
      switch t.detail {
      case .aggregate(let size, let members):
        for m in members {
          let bits: Int64
          if m.bitfieldSize > 0 {
            bits = Int64(m.bitfieldSize)
          } else if case .int(let intSize, _, let intOffset, let count)? = resolvedInt(m.type, types),
            Int64(count) < Int64(intSize) * 8
          {
            bits = Int64(intOffset) + Int64(count)  // a legacy bitfield encoded in its int type
          } else {
            let s = Int(m.type) < sizes.count ? sizes[Int(m.type)] : -1
            guard s >= 0 else { continue }
            bits = s * 8
          }
          guard Int64(m.bitOffset) + bits <= Int64(size) * 8 else {
            throw BTFError(
              .badType,
              "BTF type \(t.id) (\(t.kind.dumpName) '\(t.displayName)'): member '\(m.name)' at bit \(m.bitOffset) "
                + "runs past its \(size) bytes")
          }
        }
      // Global data only: map, license and version sections have checks of their own that name the
      // problem better.
      case .dataSection(let size, let variables)
      where size > 0 && [".data", ".bss", ".rodata"].contains(where: { t.name.hasPrefix($0) }):
        for v in variables where UInt64(v.offset) + UInt64(v.size) > UInt64(size) {
          let name = Int(v.type) < types.count ? types[Int(v.type)].name : "?"
          throw BTFError(
            .badType,
            "BTF DATASEC '\(t.name)': variable '\(name)' at offset \(v.offset) (\(v.size) bytes) lies past its \(size) bytes")
        }
      default:
        break
      }
    }
  }

  /// The `int` detail a type resolves to through aliases, if any (for legacy bitfields).
  private static func resolvedInt(_ id: UInt32, _ types: [BTFType]) -> BTFType.Detail? {
    var current = Int(id)
    for _ in 0..<16 {
      guard current < types.count else { return nil }
      switch types[current].detail {
      case .alias(let next): current = Int(next)
      case .int: return types[current].detail
      default: return nil
      }
    }
    return nil
  }

  static func resolveSizes(_ types: [BTFType]) throws(BTFError) -> [Int64] {
    let unknown: Int64 = -2
    var sizes = [Int64](repeating: unknown, count: types.count)
    var onPath = [Bool](repeating: false, count: types.count)
    sizes[0] = -1
    var path: [Int] = []
    for start in 1..<max(types.count, 1) where sizes[start] == unknown {
      path.removeAll(keepingCapacity: true)
      var current = start
      var base: Int64 = 0
      while true {
        if sizes[current] != unknown {
          base = sizes[current]
          break
        }
        if onPath[current] {
          let t = types[current]
          throw BTFError(
            .cycle,
            "BTF type \(current) (\(t.kind.dumpName) '\(t.displayName)') refers back to itself through a loop of types")
        }
        let t = types[current]
        switch t.detail {
        case .alias(let next), .variable(let next, _), .array(let next, _, _):
          onPath[current] = true
          path.append(current)
          current = Int(next)
        case .pointer:
          sizes[current] = 8
        case .int(let size, _, _, _), .aggregate(let size, _), .enumeration(let size, _, _),
          .dataSection(let size, _), .float(let size):
          sizes[current] = Int64(size)
        case .void, .forward, .function, .functionProto, .declTag:
          sizes[current] = -1
        }
      }
      while let id = path.popLast() {
        onPath[id] = false
        if case .array(_, _, let count) = types[id].detail {
          if base < 0 {
            base = -1
          } else {
            let (product, overflow) = base.multipliedReportingOverflow(by: Int64(count))
            guard !overflow, product <= Int64(UInt32.max) else {
              throw BTFError(
                .sizeOverflow,
                "BTF type \(id) (ARRAY): \(count) elements of \(base) bytes exceed 4 GiB")
            }
            base = product
          }
        }
        sizes[id] = base
      }
    }
    return sizes
  }
}

/// Reads the type records of a BTF type section one after another.
struct BTFTypeReader {
  let area: ByteView
  let strings: StringTable
  let limits: ObjectLimits
  var budget: StringBudget
  var position = 0

  init(area: ByteView, strings: StringTable, limits: ObjectLimits, budget: StringBudget) {
    self.area = area
    self.strings = strings
    self.limits = limits
    self.budget = budget
  }

  mutating func readAll() throws(BTFError) -> [BTFType] {
    var types: [BTFType] = [BTFType(id: 0, kind: .void, name: "", kindFlag: false, detail: .void)]
    // Every record is at least 12 bytes, which bounds the count before anything is decoded.
    types.reserveCapacity(min(area.count / 12, limits.maxBTFTypes) + 1)
    while position < area.count {
      guard types.count <= limits.maxBTFTypes else {
        throw BTFError(.limitExceeded, "BTF has more than \(limits.maxBTFTypes) types (limit)")
      }
      types.append(try readType(id: UInt32(types.count)))
    }
    let count = UInt32(types.count)
    for t in types {
      try checkReferences(t, count: count)
    }
    return types
  }

  private mutating func word(_ offset: Int, _ what: @autoclosure () -> String) throws(BTFError) -> UInt32 {
    guard let v = area.u32(offset) else {
      throw BTFError(.truncated, "\(what()) is cut off at the end of the BTF type section")
    }
    return v
  }

  private mutating func name(_ offset: UInt32, _ what: @autoclosure () -> String) throws(BTFError) -> String {
    if offset == 0 { return "" }
    do {
      return try strings.string(at: Int(offset), budget: &budget)
    } catch {
      throw BTFError(
        error == .budgetExhausted ? .limitExceeded : .badString,
        "\(what()): " + error.phrase(offset: Int(offset), table: "the BTF string section", size: strings.count, limits: limits))
    }
  }

  private mutating func readType(id: UInt32) throws(BTFError) -> BTFType {
    let at = position
    let nameOffset = try word(at, "BTF type \(id)")
    let info = try word(at + 4, "BTF type \(id)")
    let sizeOrType = try word(at + 8, "BTF type \(id)")
    let rawKind = UInt8((info >> 24) & 0x1F)
    let vlen = Int(info & 0xFFFF)
    let kindFlag = info >> 31 != 0
    guard let kind = BTFKind(rawValue: rawKind), kind != .void else {
      throw BTFError(.badType, "BTF type \(id) at offset \(hex(at)): unknown kind \(rawKind)")
    }
    let label = "BTF type \(id) (\(kind.dumpName))"
    let typeName = try name(nameOffset, "\(label) name")
    var p = at + 12
    // Fails before allocating when the records a count announces cannot fit in what is left.
    func need(_ count: Int, of size: Int) throws(BTFError) {
      guard area.contains(offset: p, length: count * size) else {
        throw BTFError(
          .truncated,
          "\(label) '\(typeName.isEmpty ? "(anon)" : typeName)': \(count) entries of \(size) bytes run past the end of the BTF type section")
      }
    }
    let detail: BTFType.Detail
    switch kind {
    case .void:
      detail = .void
    case .int:
      try need(1, of: 4)
      let v = try word(p, label)
      p += 4
      let bits = UInt8(v & 0xFF)
      let offset = UInt8((v >> 16) & 0xFF)
      let encoding = BTFType.IntEncoding(rawValue: UInt8((v >> 24) & 0x0F))
      guard [1, 2, 4, 8, 16].contains(sizeOrType) else {
        throw BTFError(.badType, "\(label) '\(typeName)': size \(sizeOrType) is not 1, 2, 4, 8 or 16")
      }
      guard bits >= 1, UInt32(bits) + UInt32(offset) <= sizeOrType * 8 else {
        throw BTFError(
          .badType, "\(label) '\(typeName)': \(bits) bits at bit \(offset) do not fit in \(sizeOrType) bytes")
      }
      detail = .int(size: sizeOrType, encoding: encoding, bitOffset: offset, bits: bits)
    case .pointer:
      detail = .pointer(to: sizeOrType)
    case .array:
      try need(3, of: 4)
      detail = .array(element: try word(p, label), index: try word(p + 4, label), count: try word(p + 8, label))
      p += 12
    case .structure, .union:
      try need(vlen, of: 12)
      var members: [BTFType.Member] = []
      members.reserveCapacity(vlen)
      for i in 0..<vlen {
        let memberName = try name(try word(p, label), "\(label) '\(typeName)' member \(i) name")
        let type = try word(p + 4, label)
        let offset = try word(p + 8, label)
        p += 12
        members.append(
          BTFType.Member(
            name: memberName, type: type, bitOffset: kindFlag ? offset & 0xFF_FFFF : offset,
            bitfieldSize: kindFlag ? offset >> 24 : 0))
      }
      detail = .aggregate(size: sizeOrType, members: members)
    case .enumeration:
      try need(vlen, of: 8)
      var values: [BTFType.Enumerator] = []
      values.reserveCapacity(vlen)
      for i in 0..<vlen {
        let valueName = try name(try word(p, label), "\(label) '\(typeName)' enumerator \(i) name")
        let raw = try word(p + 4, label)
        p += 8
        values.append(
          BTFType.Enumerator(name: valueName, value: kindFlag ? Int64(Int32(bitPattern: raw)) : Int64(raw)))
      }
      detail = .enumeration(size: sizeOrType, signed: kindFlag, values: values)
    case .enum64:
      try need(vlen, of: 12)
      var values: [BTFType.Enumerator] = []
      values.reserveCapacity(vlen)
      for i in 0..<vlen {
        let valueName = try name(try word(p, label), "\(label) '\(typeName)' enumerator \(i) name")
        let lo = try word(p + 4, label)
        let hi = try word(p + 8, label)
        p += 12
        values.append(BTFType.Enumerator(name: valueName, value: Int64(bitPattern: UInt64(hi) << 32 | UInt64(lo))))
      }
      detail = .enumeration(size: sizeOrType, signed: kindFlag, values: values)
    case .forward:
      detail = .forward(isUnion: kindFlag)
    case .typedef, .volatile, .const, .restrict, .typeTag:
      detail = .alias(of: sizeOrType)
    case .function:
      detail = .function(proto: sizeOrType, linkage: UInt32(vlen))
    case .functionProto:
      try need(vlen, of: 8)
      var parameters: [BTFType.Parameter] = []
      parameters.reserveCapacity(vlen)
      for i in 0..<vlen {
        let parameterName = try name(try word(p, label), "\(label) parameter \(i) name")
        let type = try word(p + 4, label)
        p += 8
        parameters.append(BTFType.Parameter(name: parameterName, type: type))
      }
      detail = .functionProto(returns: sizeOrType, parameters: parameters)
    case .variable:
      try need(1, of: 4)
      detail = .variable(type: sizeOrType, linkage: try word(p, label))
      p += 4
    case .dataSection:
      try need(vlen, of: 12)
      var variables: [BTFType.SectionVariable] = []
      variables.reserveCapacity(vlen)
      for _ in 0..<vlen {
        variables.append(
          BTFType.SectionVariable(type: try word(p, label), offset: try word(p + 4, label), size: try word(p + 8, label)))
        p += 12
      }
      detail = .dataSection(size: sizeOrType, variables: variables)
    case .float:
      guard [2, 4, 8, 12, 16].contains(sizeOrType) else {
        throw BTFError(.badType, "\(label) '\(typeName)': size \(sizeOrType) is not 2, 4, 8, 12 or 16")
      }
      detail = .float(size: sizeOrType)
    case .declTag:
      try need(1, of: 4)
      detail = .declTag(target: sizeOrType, component: Int32(bitPattern: try word(p, label)))
      p += 4
    }
    position = p
    return BTFType(id: id, kind: kind, name: typeName, kindFlag: kindFlag, detail: detail)
  }

  /// Checks that every type id a record mentions exists.
  private func checkReferences(_ t: BTFType, count: UInt32) throws(BTFError) {
    func check(_ ref: UInt32, _ role: String) throws(BTFError) {
      guard ref < count else {
        throw BTFError(
          .badTypeReference,
          "BTF type \(t.id) (\(t.kind.dumpName) '\(t.displayName)'): \(role) type id \(ref) does not exist (the BTF has \(count - 1) types)")
      }
    }
    switch t.detail {
    case .void, .int, .forward, .float, .enumeration:
      break
    case .pointer(let to):
      try check(to, "pointee")
    case .array(let element, let index, _):
      try check(element, "element")
      try check(index, "index")
      guard element != 0 else {
        throw BTFError(.badType, "BTF type \(t.id) (ARRAY): the element type is void")
      }
    case .aggregate(_, let members):
      for (i, m) in members.enumerated() { try check(m.type, "member \(i)") }
    case .alias(let of):
      try check(of, "target")
    case .function(let proto, _):
      try check(proto, "prototype")
    case .functionProto(let returns, let parameters):
      try check(returns, "return")
      for (i, p) in parameters.enumerated() { try check(p.type, "parameter \(i)") }
    case .variable(let type, _):
      try check(type, "variable")
    case .dataSection(_, let variables):
      for (i, v) in variables.enumerated() { try check(v.type, "entry \(i)") }
    case .declTag(let target, _):
      try check(target, "tagged")
    }
  }
}

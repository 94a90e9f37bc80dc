import BPF

/// Verification of one program of a clang-built object, as `netsh ebpf show verification` and
/// `add program` do it: the program is linked with its subprograms, its map and global-data
/// relocations become LDDW `map_fd N` / `map_val(N) + offset` pseudo instructions over the object's
/// maps numbered from 1 (BTF maps, then legacy maps, then data sections; see `pseudoForms`), and
/// reports carry the object's line info.
public struct ProgramVerification: Sendable {
  /// Why a program cannot be prepared for verification.
  public struct PreparationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  /// The linked program with rewritten LDDWs.
  public let program: BPFProgram
  /// Its program type.
  public let type: ProgramType
  /// What the verifier is told.
  public let environment: VerifierEnvironment
  /// The object's maps in the order LDDW descriptors name them (`map_fd 1` is `maps[0]`; BTF maps,
  /// then legacy maps); data sections follow as `VerifierMap`s in `environment`.
  public let maps: [MapDefinition]

  /// Prepares `program` of `object` as a program of `type`.
  public init(object: BPFObject, program: BPFProgram, type: ProgramType) throws(PreparationError) {
    let linked: BPFProgram
    do {
      linked = try object.link(program)
    } catch {
      throw PreparationError(message: error.description)
    }
    var maps: [MapDefinition] = []
    for m in object.maps { maps.append(try Self.definition(m)) }
    let legacy = object.legacyMapSymbols
    for symbol in legacy { maps.append(try Self.definition(symbol, all: legacy)) }
    let data = object.dataSections.map {
      VerifierMap(name: $0.name, keySize: 4, valueSize: max($0.size, 1), maxEntries: 1, readOnly: $0.isReadOnly)
    }
    for r in linked.relocations {
      let at = r.instruction
      guard linked.instructions.indices.contains(at + 1), linked.instructions[at].opcode == 0x18 else {
        throw PreparationError(message: "instruction \(at): relocation of '\(r.symbol)' is not on an LDDW")
      }
      if case .external = r.kind {
        throw PreparationError(message: "instruction \(at): '\(r.symbol)' is not defined in the object")
      }
    }
    self.program = Self.pseudoForms(linked, in: object)
    self.type = type
    self.maps = maps
    environment = VerifierEnvironment(programType: type, maps: maps, extra: data)
  }

  /// `linked` with its map and global-data relocations turned into the LDDW pseudo forms of
  /// PREVAIL's mock descriptors, as both `show disassembly` and the verifier's reports print them:
  /// `map_fd N` names the object's maps numbered from 1 (BTF maps, then legacy maps), and
  /// `map_val(N) + offset` the data sections, numbered after the maps. Other relocations, and
  /// relocations not on an LDDW, are left as they are.
  public static func pseudoForms(_ linked: BPFProgram, in object: BPFObject) -> BPFProgram {
    let legacyBase = object.maps.count
    let dataBase = legacyBase + object.legacyMapSymbols.count
    var code = linked
    for r in linked.relocations {
      let at = r.instruction
      guard code.instructions.indices.contains(at + 1), code.instructions[at].opcode == 0x18 else { continue }
      switch r.kind {
      case .map(let index):
        code.instructions[at].src = 1
        code.instructions[at].imm = Int32(truncatingIfNeeded: index + 1)
      case .legacyMap(let index):
        code.instructions[at].src = 1
        code.instructions[at].imm = Int32(truncatingIfNeeded: legacyBase + index + 1)
      case .globalData(let section, let offset):
        code.instructions[at].src = 2
        code.instructions[at].imm = Int32(truncatingIfNeeded: dataBase + section + 1)
        code.instructions[at + 1].imm = Int32(truncatingIfNeeded: offset)
      case .external, .call, .functionAddress:
        break
      }
    }
    return code
  }

  /// Verifies the program.
  public func verify(options: VerifierOptions = VerifierOptions()) -> VerificationResult {
    Verifier(environment: environment, options: options).verify(slots: program.instructions)
  }

  /// The netsh report of `result` with the object's line info.
  public func report(_ result: VerificationResult, level: VerificationLevel = .normal) -> VerificationReport {
    let program = self.program
    return VerificationReport(result, level: level) { pc in
      program.line(at: pc).map { VerificationReport.SourceLine(file: $0.fileName, line: Int($0.line), text: $0.source) }
    }
  }

  /// A BTF map's definition.
  static func definition(_ m: BTFMapDefinition) throws(PreparationError) -> MapDefinition {
    guard let number = m.type, let type = MapType(rawValue: number) else {
      throw PreparationError(message: "map '\(m.name)': unknown map type \(m.type.map(String.init) ?? "(none)")")
    }
    var d = MapDefinition(
      type: type, keySize: m.keySize ?? 0, valueSize: m.valueSize ?? 0, maxEntries: m.maxEntries ?? 0, name: m.name)
    if let inner = m.innerMap {
      guard let t = inner.type.flatMap(MapType.init(rawValue:)) else {
        throw PreparationError(message: "map '\(m.name)': inner map has an unknown type")
      }
      d.innerMap = InnerMapTemplate(
        type: t, keySize: inner.keySize ?? 0, valueSize: inner.valueSize ?? 0, maxEntries: inner.maxEntries ?? 0)
    }
    return d
  }

  /// A legacy `maps` section definition (eBPF for Windows' `ebpf_map_definition_in_file_t`: type,
  /// key size, value size, max entries, inner map index, pinning, id, inner id — 32-bit each).
  static func definition(_ s: LegacyMapSymbol, all: [LegacyMapSymbol]) throws(PreparationError)
    -> MapDefinition
  {
    func field(_ i: Int) -> UInt32? {
      let o = i * 4
      guard s.bytes.count >= o + 4 else { return nil }
      return UInt32(s.bytes[o]) | UInt32(s.bytes[o + 1]) << 8 | UInt32(s.bytes[o + 2]) << 16 | UInt32(s.bytes[o + 3])
        << 24
    }
    guard let number = field(0), let type = MapType(rawValue: number), let key = field(1), let value = field(2),
      let entries = field(3)
    else { throw PreparationError(message: "map '\(s.name)': legacy definition is too short or of an unknown type") }
    var d = MapDefinition(type: type, keySize: key, valueSize: value, maxEntries: entries, name: s.name)
    if type.isMapOfMaps, let inner = field(4) {
      // The inner template is another definition of the same section, by index.
      let siblings = all.filter { $0.sectionIndex == s.sectionIndex }
      guard Int(inner) < siblings.count, let template = try? definition(siblings[Int(inner)], all: []) else {
        throw PreparationError(message: "map '\(s.name)': inner map index \(inner) names no map of its section")
      }
      d.innerMap = InnerMapTemplate(template)
    }
    return d
  }
}

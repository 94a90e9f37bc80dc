import BPF

/// The verifier's view of eBPF for Windows: a program type's context descriptor and helper
/// prototypes, and map definitions, turned into the BPF module's platform-neutral description.
extension VerifierEnvironment {
  /// The environment of a program of `type` whose LDDW `map_idx N` names `maps[N]` and `map_fd N`
  /// names `maps[N - 1]` (map-of-maps inner templates are appended after them, and have no fd).
  /// `extra` maps (global data sections) follow `maps`, in indices and fds.
  public init(programType type: ProgramType, maps: [MapDefinition], extra: [VerifierMap] = []) {
    var list = maps.map { VerifierMap($0) }
    list += extra
    // Inner map templates get their own entries after everything the program can name.
    for (i, m) in maps.enumerated() {
      guard m.type.isMapOfMaps, let inner = m.innerMap else { continue }
      list.append(
        VerifierMap(
          name: m.name + ".inner", kind: inner.type == .progArray ? .programArray : .plain,
          keySize: Int(inner.keySize), valueSize: Int(inner.valueSize), maxEntries: Int(inner.maxEntries)))
      list[i].kind = .mapOfMaps(innerIndex: list.count - 1)
    }
    var fds: [Int32: Int] = [:]
    for i in 0..<(maps.count + extra.count) { fds[Int32(i + 1)] = i }
    self.init(
      context: VerifierContext(type), helpers: type.callableHelpers.map(HelperSignature.init), maps: list,
      mapIndexByFD: fds)
  }
}

extension VerifierContext {
  /// Program types whose data region programs may write (packets); the bind hook's app id is not.
  static let writableData: Set<UInt32> = [ProgramType.xdp.number, ProgramType.sample.number]

  /// The context of a program type: size, data/end/meta offsets, read-only fields.
  public init(_ type: ProgramType) {
    let d = type.context
    self.init(
      size: d.size, dataOffset: d.dataOffset, endOffset: d.endOffset, metaOffset: d.metaOffset,
      readOnlyRanges: d.fields.filter(\.readOnly).map { $0.offset..<$0.end },
      dataWritable: Self.writableData.contains(type.number))
  }
}

extension HelperSignature {
  /// The verifier's form of a helper prototype.
  public init(_ p: HelperPrototype) {
    let returns: Return
    switch p.returnKind {
    case .integer: returns = .integer
    case .pointerToMapValueOrNull: returns = .mapValueOrNull
    case .integerOrNoReturnIfSucceed: returns = .integerOrNoReturnIfSucceed
    }
    self.init(
      id: Int32(bitPattern: p.id), name: p.verifierName, returns: returns,
      arguments: p.arguments.map(HelperSignature.Argument.init),
      reallocatesData: p.name == "bpf_xdp_adjust_head")
  }
}

extension HelperSignature.Argument {
  /// The verifier's form of a prototype argument kind.
  public init(_ k: HelperPrototype.ArgumentKind) {
    switch k {
    case .dontCare: self = .dontCare
    case .anything: self = .anything
    case .pointerToContext: self = .context
    case .pointerToMap: self = .map
    case .pointerToMapOfPrograms: self = .programArray
    case .pointerToMapKey: self = .mapKey
    case .pointerToMapValue: self = .mapValue
    case .pointerToReadableMemory: self = .readableMemory
    case .pointerToReadableMemoryOrNull: self = .readableMemoryOrNull
    case .pointerToWritableMemory: self = .writableMemory
    case .constSize: self = .size
    case .constSizeOrZero: self = .sizeOrZero
    }
  }
}

extension VerifierMap {
  /// The verifier's form of a map definition (a map of maps' inner index is set by the caller).
  public init(_ d: MapDefinition) {
    self.init(
      name: d.name, kind: d.type == .progArray ? .programArray : .plain, keySize: Int(d.keySize),
      valueSize: Int(d.valueSize), maxEntries: Int(d.maxEntries))
  }
}

import BPF

/// How to load an object.
public struct LoadOptions: Sendable {
  /// The file name recorded for `show programs` (as the user gave it).
  public var fileName: String
  /// The program type of the first program (netsh's `type=`), overriding its section.
  public var programType: ProgramType?

  /// Options for a file.
  public init(fileName: String, programType: ProgramType? = nil) {
    self.fileName = fileName
    self.programType = programType
  }
}

/// A map about to be created, from whichever definition the object uses.
struct PendingMap {
  var definition: MapDefinition
  var keyType: UInt32?
  var valueType: UInt32?
  var readOnly = false
  var initialImage: [UInt8]?
  /// Index of the inner template among the pending maps, when the object names one.
  var innerIndex: Int?
  /// The template read from BTF `__array(values, ...)`, when not another map of the object.
  var innerTemplate: InnerMapTemplate?
}

extension EbpfCore {
  /// Loads an object file's bytes (an ELF object, or a native image made by ``NativeImage``):
  /// creates its maps (BTF `.maps`, or the legacy `maps` section when present, plus one array map
  /// per global-data section), binds every relocation, checks and prepares its programs, fills
  /// program-array and map-in-map initialisers, and returns the open load. Nothing is attached or
  /// pinned here (except maps declared `LIBBPF_PIN_BY_NAME`).
  public func load(bytes: [UInt8], options: LoadOptions) throws(LoadFailure) -> LoadedObject {
    let native = NativeImage.isImage(bytes)
    let objectBytes = native ? try NativeImage(bytes: bytes).object : bytes
    let object: BPFObject
    do {
      object = try BPFObject.load(bytes: objectBytes)
    } catch {
      throw LoadFailure(.open, .invalidArgument, [error.message])
    }
    guard !object.programs.isEmpty else { throw LoadFailure(.open, .invalidArgument, ["no programs found"]) }
    var types: [ProgramType] = []
    for (i, p) in object.programs.enumerated() {
      if i == 0, let forced = options.programType {
        types.append(forced)
      } else if let t = SectionResolver.programType(forSection: p.sectionName) {
        types.append(t)
      } else {
        throw LoadFailure(.open, .invalidArgument, ["section '\(p.sectionName)' does not name a known program type"])
      }
    }
    let pending = try Self.pendingMaps(of: object)

    guard ids.beginLoad(native ? .native : .elf) else { throw LoadFailure(.load, .noMemory, ["object ids exhausted"]) }
    // Everything created so far belongs to this (not yet visible) load; a failure closes it.
    var createdMaps: [UInt32] = []
    var createdPrograms: [UInt32] = []
    var pinnedHere: [String] = []
    func fail(_ failure: LoadFailure) -> LoadFailure {
      for path in pinnedHere { try? unpin(path: path) }
      close(LoadedObject(fileName: options.fileName, programIDs: createdPrograms, mapIDs: createdMaps))
      return failure
    }

    var mapIDs: [UInt32] = []
    for p in pending {
      do {
        let (id, pinned) = try createMap(p, all: pending, created: mapIDs, btf: object.btf, fileName: options.fileName)
        mapIDs.append(id)
        createdMaps.append(id)
        if let pinned { pinnedHere.append(pinned) }
      } catch {
        throw fail(error)
      }
    }

    let usesLegacy = !object.legacyMapSymbols.isEmpty
    let btfCount = usesLegacy ? 0 : object.maps.count
    let legacyCount = usesLegacy ? object.legacyMapSymbols.count : 0
    for (index, p) in object.programs.enumerated() {
      do {
        let program = try createProgram(
          p, type: types[index], object: object, mapIDs: mapIDs, usesLegacy: usesLegacy,
          dataBase: btfCount + legacyCount, native: native, options: options)
        createdPrograms.append(program.id)
      } catch {
        throw fail(error)
      }
    }
    do {
      try applyInitializers(object: object, mapIDs: mapIDs, programIDs: createdPrograms, usesLegacy: usesLegacy)
    } catch {
      throw fail(error)
    }
    let loaded = LoadedObject(fileName: options.fileName, programIDs: createdPrograms, mapIDs: createdMaps)
    register(loaded)
    return loaded
  }

  // MARK: Maps

  /// The maps loading an object would create, in creation order (what `show sections` lists).
  public static func mapDefinitions(in object: BPFObject) throws(LoadFailure) -> [MapDefinition] {
    try pendingMaps(of: object).map(\.definition)
  }

  /// The maps an object asks for, in creation order: its legacy definitions when it has a `maps`
  /// section (eBPF for Windows then ignores `.maps`), else its BTF maps; then its data sections.
  static func pendingMaps(of object: BPFObject) throws(LoadFailure) -> [PendingMap] {
    var result: [PendingMap] = []
    if !object.legacyMapSymbols.isEmpty {
      // A program that uses a BTF-only map cannot be bound: name it.
      for p in object.programs + object.subprograms {
        for r in p.relocations {
          if case .map(let i) = r.kind, i < object.maps.count {
            throw LoadFailure(
              .open, .invalidArgument,
              [
                "map '\(object.maps[i].name)' is defined only in .maps, but the object's legacy 'maps' section is the one used"
              ])
          }
        }
      }
      let byID = Dictionary(
        object.legacyMapSymbols.enumerated().compactMap { i, s in
          LegacyMapDefinition(bytes: s.bytes).flatMap { $0.id != 0 ? ($0.id, i) : nil }
        }, uniquingKeysWith: { first, _ in first })
      for symbol in object.legacyMapSymbols {
        guard let d = LegacyMapDefinition(bytes: symbol.bytes) else {
          throw LoadFailure(
            .open, .invalidArgument,
            [
              "map '\(symbol.name)' in \(symbol.sectionName) is \(symbol.size) bytes, not a \(LegacyMapDefinition.size)-byte definition"
            ])
        }
        guard let type = MapType(rawValue: d.type) else {
          throw LoadFailure(.open, .invalidArgument, ["map '\(symbol.name)' has unknown map type \(d.type)"])
        }
        var p = PendingMap(
          definition: MapDefinition(
            type: type, keySize: d.keySize, valueSize: d.valueSize, maxEntries: d.maxEntries, name: symbol.name,
            pinning: d.pinning == 1 ? .byName : .none))
        if type.isMapOfMaps {
          let index = d.innerID != 0 ? byID[d.innerID] : Int(d.innerMapIndex)
          guard let index, index < object.legacyMapSymbols.count, object.legacyMapSymbols[index].name != symbol.name
          else {
            throw LoadFailure(.open, .invalidArgument, ["map '\(symbol.name)' names no inner map template"])
          }
          p.innerIndex = index
        }
        result.append(p)
      }
    } else {
      for m in object.maps {
        result.append(try pendingMap(m, object: object))
      }
    }
    for section in object.dataSections {
      var p = PendingMap(
        definition: MapDefinition(
          type: .array, keySize: 4, valueSize: UInt32(clamping: max(section.size, 1)), maxEntries: 1, name: section.name
        ))
      p.valueType = section.btfType
      p.readOnly = section.isReadOnly
      p.initialImage = section.size > 0 ? section.initialImage : nil
      result.append(p)
    }
    // Templates given by index must exist and be plain maps.
    for p in result {
      if let i = p.innerIndex, result[i].definition.type.isMapOfMaps {
        throw LoadFailure(
          .open, .invalidArgument, ["map '\(p.definition.name)': a map of maps cannot be an inner map template"])
      }
    }
    return result
  }

  static func pendingMap(_ m: BTFMapDefinition, object: BPFObject) throws(LoadFailure) -> PendingMap {
    guard let number = m.type else { throw LoadFailure(.open, .invalidArgument, ["map '\(m.name)' has no type"]) }
    guard let type = MapType(rawValue: number) else {
      throw LoadFailure(.open, .invalidArgument, ["map '\(m.name)' has unknown map type \(number)"])
    }
    var keySize = m.keySize ?? 0
    var valueSize = m.valueSize ?? 0
    if type.holdsObjectIDs {
      keySize = m.keySize ?? 4
      valueSize = m.valueSize ?? 4
    }
    var p = PendingMap(
      definition: MapDefinition(
        type: type, keySize: keySize, valueSize: valueSize, maxEntries: m.maxEntries ?? 0, name: m.name,
        pinning: m.pinning == 1 ? .byName : .none),
      keyType: m.keyType, valueType: m.valueType)
    if type.isMapOfMaps {
      guard let inner = m.innerMap, let innerNumber = inner.type, let innerType = MapType(rawValue: innerNumber) else {
        throw LoadFailure(
          .open, .invalidArgument, ["map '\(m.name)' declares no valid inner map (__array(values, ...))"])
      }
      let template = InnerMapTemplate(
        type: innerType, keySize: inner.keySize ?? 0, valueSize: inner.valueSize ?? 0, maxEntries: inner.maxEntries ?? 0
      )
      p.innerTemplate = template
      // The inner map id shown is the first map of the object the initialiser or the shape names.
      let initial = m.initialValues.compactMap { v -> Int? in
        if case .map(let i) = v.target { return i } else { return nil }
      }
      let candidates = initial + object.maps.indices.filter { object.maps[$0].name != m.name }
      p.innerIndex = candidates.first { i in
        guard let t = object.maps[i].type, let mt = MapType(rawValue: t) else { return false }
        return template.accepts(
          MapDefinition(
            type: mt, keySize: object.maps[i].keySize ?? 0, valueSize: object.maps[i].valueSize ?? 0,
            maxEntries: object.maps[i].maxEntries ?? 0))
      }
    }
    return p
  }

  /// Creates (or, for a compatible map pinned by name, reuses) one map; returns its id and the
  /// pin path it created, if any.
  func createMap(
    _ p: PendingMap, all: [PendingMap], created: [UInt32], btf: BTF?, fileName: String
  ) throws(LoadFailure) -> (UInt32, String?) {
    var definition = p.definition
    var innerID: UInt32?
    if let i = p.innerIndex, i < created.count, let template = maps[created[i]] {
      innerID = template.id
      definition.innerMap = p.innerTemplate ?? InnerMapTemplate(template.definition, templateID: template.id)
      definition.innerMap?.templateID = template.id
    } else if let t = p.innerTemplate {
      definition.innerMap = t
    } else if let i = p.innerIndex, i < all.count {
      // A template defined after its outer map: its shape, without an id yet.
      definition.innerMap = InnerMapTemplate(all[i].definition)
    } else if definition.type.isMapOfMaps {
      throw LoadFailure(.load, .invalidArgument, ["map '\(definition.name)' has no inner map template"])
    }
    var pinPath: String?
    if definition.pinning == .byName {
      let path: String
      do {
        path = try PinPath.pinByNamePath(mapName: definition.name)
      } catch {
        throw LoadFailure(.load, error, ["map '\(definition.name)' cannot be pinned by name"])
      }
      if let existing = pins[path] {
        guard let m = maps[existing], m.definition.type == definition.type, m.definition.keySize == definition.keySize,
          m.definition.valueSize == definition.valueSize, m.definition.maxEntries == definition.maxEntries
        else {
          throw LoadFailure(
            .load, .invalidArgument, ["the object pinned at \(path) is not a map like '\(definition.name)'"])
        }
        retainMap(existing)
        return (existing, nil)
      }
      pinPath = path
    }
    let map: EBPFMap
    do {
      map = try EBPFMap.create(definition)
    } catch {
      throw LoadFailure(.load, error, ["map '\(definition.name)': \(Self.mapCreationProblem(error, definition))"])
    }
    guard let id = ids.allocate() else { throw LoadFailure(.load, .noMemory, ["object ids exhausted"]) }
    let region: MemoryRegion
    do {
      region = try memory.register(
        map.values.buffer, kind: .mapValue, name: definition.name, access: p.readOnly ? .readOnly : .readWrite)
    } catch {
      throw LoadFailure(.load, .noMemory, ["map '\(definition.name)': \(error.description)"])
    }
    map.objectValidator = { [unowned self] held in self.validateHeld(held, in: definition, mapID: id) }
    if let image = p.initialImage {
      try? map.update([0, 0, 0, 0], image + [UInt8](repeating: 0, count: max(0, map.valueSize - image.count)))
    }
    let object = MapObject(
      id: id, map: map, region: region, btf: btf, keyType: p.keyType, valueType: p.valueType, innerMapID: innerID,
      fileName: fileName)
    register(object)
    retainMap(id)
    if let pinPath {
      do {
        try pin(id, at: pinPath)
      } catch {
        throw LoadFailure(.load, error, ["map '\(definition.name)' could not be pinned at \(pinPath)"])
      }
    }
    return (id, pinPath)
  }

  static func mapCreationProblem(_ error: EBPFResult, _ d: MapDefinition) -> String {
    switch error {
    case .operationNotSupported: return "map type \(d.type.displayName) is not supported"
    case .noMemory: return "\(d.maxEntries) entries of \(d.keySize)+\(d.valueSize) bytes need too much memory"
    default:
      return
        "key size \(d.keySize), value size \(d.valueSize) and \(d.maxEntries) entries are not valid for a \(d.type.displayName) map"
    }
  }

  /// Checks an id a person or an initialiser stores in a program array or map of maps.
  func validateHeld(_ id: UInt32, in definition: MapDefinition, mapID: UInt32) -> EBPFResult {
    if definition.type == .progArray {
      guard let program = programs[id] else { return .invalidObject }
      guard let array = maps[mapID] else { return .success }
      return associate(program.programType, with: array)
    }
    guard let inner = maps[id] else { return .invalidObject }
    if let template = definition.innerMap, !template.accepts(inner.definition) { return .invalidArgument }
    return .success
  }

  /// eBPF for Windows' `_associate_program_with_prog_array_map` (libs/execution_context/ebpf_maps.c):
  /// a program array takes the type of the first program associated with it (a program loaded
  /// using it, or one stored in it) and refuses programs of any other type with EBPF_INVALID_FD.
  func associate(_ type: ProgramType, with array: MapObject) -> EBPFResult {
    guard array.map.type == .progArray else { return .success }
    guard let bound = array.programType else {
      array.programType = type
      return .success
    }
    return bound.number == type.number ? .success : .invalidFD
  }

  // MARK: Programs

  func createProgram(
    _ p: BPFProgram, type: ProgramType, object: BPFObject, mapIDs: [UInt32], usesLegacy: Bool, dataBase: Int,
    native: Bool, options: LoadOptions
  ) throws(LoadFailure) -> ProgramObject {
    let linked: BPFProgram
    do {
      linked = try object.link(p)
    } catch {
      throw LoadFailure(.load, .invalidArgument, ["\(p.name): \(error.message)"])
    }
    let proof = try Self.verify(p, type: type, object: object)
    var slots = linked.instructions
    var used: [UInt32] = []
    func use(_ id: UInt32) { if !used.contains(id) { used.append(id) } }
    for r in linked.relocations {
      let at = r.instruction
      guard at + 1 < slots.count else { continue }
      switch r.kind {
      case .map(let index):
        guard !usesLegacy, index < mapIDs.count else {
          throw LoadFailure(.load, .invalidArgument, ["\(p.name): map '\(r.symbol)' is not available"])
        }
        slots[at].src = 1
        slots[at].imm = Int32(bitPattern: mapIDs[index])
        slots[at + 1].imm = 0
        use(mapIDs[index])
      case .legacyMap(let index):
        guard usesLegacy, index < mapIDs.count else {
          throw LoadFailure(.load, .invalidArgument, ["\(p.name): map '\(r.symbol)' is not available"])
        }
        slots[at].src = 1
        slots[at].imm = Int32(bitPattern: mapIDs[index])
        slots[at + 1].imm = 0
        use(mapIDs[index])
      case .globalData(let section, let offset):
        let index = dataBase + section
        guard index < mapIDs.count, let offset32 = Int32(exactly: offset) else {
          throw LoadFailure(.load, .invalidArgument, ["\(p.name): global data '\(r.symbol)' is not available"])
        }
        slots[at].src = 2
        slots[at].imm = Int32(bitPattern: mapIDs[index])
        slots[at + 1].imm = offset32
        use(mapIDs[index])
      case .external:
        throw LoadFailure(.load, .invalidArgument, ["\(p.name): unresolved external symbol '\(r.symbol)'"])
      case .call, .functionAddress:
        break
      }
    }
    // Associating maps happens before any reference is taken (ebpf_program_associate_maps).
    for id in used {
      guard let m = maps[id], associate(type, with: m) != .success else { continue }
      throw LoadFailure(
        .load, .invalidFD,
        ["\(p.name): program array '\(m.name)' holds \(m.programType?.name ?? "other") programs, not \(type.name)"])
    }
    for id in used { retainMap(id) }
    let program: Program
    do {
      program = try Program(slots: slots, name: p.name, proof: proof) { [unowned self] _, wide in
        switch wide {
        case .mapByFD(let fd):
          return self.maps[UInt32(bitPattern: fd)] != nil ? Self.handle(ofMap: UInt32(bitPattern: fd)) : nil
        case .mapValue(let fd, let offset):
          guard let m = self.maps[UInt32(bitPattern: fd)], offset >= 0, Int(offset) <= m.map.valueSize else {
            return nil
          }
          return m.region.address &+ UInt64(offset)
        default:
          return nil
        }
      }
    } catch {
      for id in used { releaseMap(id) }
      throw LoadFailure(.load, .invalidArgument, ["\(p.name): \(error.description)"])
    }
    guard let id = ids.allocate() else {
      for id in used { releaseMap(id) }
      throw LoadFailure(.load, .noMemory, ["object ids exhausted"])
    }
    var code = linked
    code.instructions = slots
    let sectionAttach = SectionResolver.attachType(forSection: p.sectionName)
    let attach = sectionAttach?.programTypeNumber == type.number ? sectionAttach : type.attachTypes.first
    let created = ProgramObject(
      id: id, name: p.name, sectionName: p.sectionName, fileName: options.fileName, programType: type,
      expectedAttachType: attach, executionType: native ? .native : .interpret, program: program, code: code,
      btf: object.btf, mapIDs: used)
    register(created)
    retainProgram(id)
    return created
  }

  /// Runs the verifier on `p` as a program of `type` (its slots are laid out as `object.link`
  /// lays them out, so the proof's slot indices hold for the relocated program): the proof, or
  /// netsh's `error 13` with the verifier's report.
  static func verify(_ p: BPFProgram, type: ProgramType, object: BPFObject) throws(LoadFailure) -> VerificationProof {
    let verification: ProgramVerification
    do {
      verification = try ProgramVerification(object: object, program: p, type: type)
    } catch {
      throw LoadFailure(.load, .invalidArgument, ["\(p.name): \(error.message)"])
    }
    let result = verification.verify()
    guard result.succeeded, let proof = result.proof else {
      var lines = verification.report(result).text.split(separator: "\n", omittingEmptySubsequences: false)
      while lines.last?.isEmpty == true { lines.removeLast() }
      throw LoadFailure(.load, .verificationFailed, lines.map(String.init))
    }
    return proof
  }

  // MARK: Initialisers

  /// Fills `.values = { ... }` initialisers of BTF program arrays and maps of maps.
  /// `programIDs` are the programs this load created, in the order of `object.programs`; slots name
  /// programs of this load only (an earlier load of the same file has programs of the same name).
  func applyInitializers(
    object: BPFObject, mapIDs: [UInt32], programIDs: [UInt32], usesLegacy: Bool
  ) throws(LoadFailure) {
    guard !usesLegacy else { return }
    for (index, m) in object.maps.enumerated() where !m.initialValues.isEmpty {
      guard index < mapIDs.count, let outer = maps[mapIDs[index]] else { continue }
      for value in m.initialValues {
        let held: UInt32
        switch value.target {
        case .program(let name):
          guard let i = object.programs.firstIndex(where: { $0.name == name }), i < programIDs.count else {
            throw LoadFailure(
              .load, .invalidArgument, ["map '\(m.name)' slot \(value.slot): program '\(name)' was not loaded"])
          }
          held = programIDs[i]
        case .map(let i):
          guard i < mapIDs.count else {
            throw LoadFailure(
              .load, .invalidArgument, ["map '\(m.name)' slot \(value.slot): map '\(value.symbol)' was not created"])
          }
          held = mapIDs[i]
        }
        do {
          try setHeldObject(held, in: outer, key: UInt32(truncatingIfNeeded: value.slot))
        } catch {
          throw LoadFailure(
            .load, error, ["map '\(m.name)' slot \(value.slot): '\(value.symbol)' cannot be stored there"])
        }
      }
    }
  }
}

extension ObjectLoader {
  /// Decodes the maps of the `.maps` section from their BTF descriptions, with `values`
  /// initialisers from the section's relocations.
  func loadBTFMaps(_ elf: ELFFile, btf: BTF?, code: [CodeSection]) throws(ObjectError) -> [BTFMapDefinition] {
    guard let section = elf.section(named: ".maps"), section.size > 0 else { return [] }
    let symbols = symbols(in: section.index).filter { $0.type != .section && !$0.name.isEmpty }
      .sorted { ($0.value, $0.index) < ($1.value, $1.index) }
    guard !symbols.isEmpty else { return [] }
    guard let btf else {
      throw ObjectError(.badMap, "\(section.label): maps need BTF, and the object has no .BTF section")
    }
    guard let datasec = btf.type(named: ".maps", kind: .dataSection), case .dataSection(_, let entries) = datasec.detail else {
      throw ObjectError(.badMap, "\(section.label): the BTF has no DATASEC '.maps'")
    }
    var varTypes: [String: UInt32] = [:]
    for e in entries {
      if let v = btf.type(e.type), case .variable(let t, _) = v.detail { varTypes[v.name] = t }
    }
    var maps: [BTFMapDefinition] = []
    var symbolSizes: [Int: UInt64] = [:]
    // Many variables may share one struct type: decode each type once.
    var decoded: [UInt32: BTFMapDefinition] = [:]
    for sym in symbols {
      guard sym.value < UInt64(section.size), sym.size <= UInt64(section.size) - sym.value else {
        throw ObjectError(
          .badMap, "map '\(sym.name)': \(hex(sym.value)) + \(hex(sym.size)) is beyond \(section.label) (\(hex(section.size)) bytes)")
      }
      guard let structType = varTypes[sym.name] else {
        throw ObjectError(.badMap, "map '\(sym.name)': no variable of that name in BTF DATASEC '.maps'")
      }
      if let last = maps.last, last.offset == Int(sym.value) {
        throw ObjectError(.badMap, "map '\(sym.name)': starts at the same offset as map '\(last.name)'")
      }
      var map: BTFMapDefinition
      if let known = decoded[structType] {
        map = known
      } else {
        map = try decodeMap(name: sym.name, offset: Int(sym.value), type: structType, btf: btf, depth: 0)
        decoded[structType] = map
      }
      map.name = sym.name
      map.offset = Int(sym.value)
      maps.append(map)
      symbolSizes[maps.count - 1] = sym.size
    }
    try addInitializers(elf, section: section, maps: &maps, sizes: symbolSizes, btf: btf, code: code)
    return maps
  }

  /// Decodes one map struct; `depth` 1 is an inner-map template (which has no template itself).
  func decodeMap(name: String, offset: Int, type: UInt32, btf: BTF, depth: Int) throws(ObjectError) -> BTFMapDefinition {
    let label = depth == 0 ? "map '\(name)'" : "inner map of '\(name)'"
    guard let st = btf.resolvedType(type), st.kind == .structure else {
      throw ObjectError(.badMap, "\(label): BTF type \(type) is not a struct")
    }
    var map = BTFMapDefinition(name: name, offset: offset, btfType: st.id)
    for m in st.members {
      func fail(_ what: String) -> ObjectError { ObjectError(.badMap, "\(label): field '\(m.name)' \(what)") }
      if m.name == "values" {
        guard case .array(let element, _, _) = btf.resolvedType(m.type)?.detail,
          case .pointer(let target) = btf.resolvedType(element)?.detail, let pointee = btf.resolvedType(target)
        else { throw fail("is not declared with __array (an array of pointers)") }
        switch pointee.kind {
        case .structure:
          guard depth == 0 else { throw fail("nests map templates more than one level deep") }
          map.innerMap = try decodeMap(name: name, offset: offset, type: pointee.id, btf: btf, depth: depth + 1)
        case .functionProto:
          map.valuesArePrograms = true
        default:
          throw fail("points to a \(pointee.kind.dumpName), not a map struct or a function prototype")
        }
        continue
      }
      guard case .pointer(let target) = btf.resolvedType(m.type)?.detail else {
        if ["type", "key", "value", "key_size", "value_size", "max_entries", "map_flags", "pinning", "numa_node", "map_extra"]
          .contains(m.name)
        {
          throw fail("is not a pointer (declare it with __uint or __type)")
        }
        map.unknownFields.append(m.name)
        continue
      }
      func number() throws(ObjectError) -> UInt32 {
        guard case .array(_, _, let count) = btf.resolvedType(target)?.detail else {
          throw fail("is not declared with __uint (a pointer to an array)")
        }
        return count
      }
      func typeSize() throws(ObjectError) -> UInt32 {
        guard let size = btf.size(of: target), size > 0, size <= Int(UInt32.max) else {
          throw fail("has type \(target) (\(btf.typeName(target))), which has no size")
        }
        return UInt32(size)
      }
      switch m.name {
      case "type": map.type = try number()
      case "max_entries": map.maxEntries = try number()
      case "map_flags": map.mapFlags = try number()
      case "pinning": map.pinning = try number()
      case "numa_node": map.numaNode = try number()
      case "map_extra": map.mapExtra = try number()
      case "key_size":
        let n = try number()
        if let k = map.keySize, k != n { throw fail("is \(n) but the key type is \(k) bytes") }
        map.keySize = n
      case "value_size":
        let n = try number()
        if let v = map.valueSize, v != n { throw fail("is \(n) but the value type is \(v) bytes") }
        map.valueSize = n
      case "key":
        let n = try typeSize()
        if let k = map.keySize, k != n { throw fail("type is \(n) bytes but key_size is \(k)") }
        map.keySize = n
        map.keyType = target
      case "value":
        let n = try typeSize()
        if let v = map.valueSize, v != n { throw fail("type is \(n) bytes but value_size is \(v)") }
        map.valueSize = n
        map.valueType = target
      default:
        map.unknownFields.append(m.name)
      }
    }
    return map
  }

  /// Applies `.rel.maps` entries: each 8-byte slot of a map's `values` array that names a map or
  /// a program becomes an initial value.
  private func addInitializers(
    _ elf: ELFFile, section: ELFSection, maps: inout [BTFMapDefinition], sizes: [Int: UInt64], btf: BTF, code: [CodeSection]
  ) throws(ObjectError) {
    let relocations = elf.relocations[section.index] ?? []
    if relocations.isEmpty { return }
    var codeByIndex: [Int: CodeSection] = [:]
    for c in code { codeByIndex[c.section.index] = c }
    var valuesOffsets: [Int: UInt32?] = [:]  // map index → bit offset of its `values` member
    var byOffset: [Int: Int] = [:]
    for (i, m) in maps.enumerated() { byOffset[m.offset] = i }
    for (n, r) in relocations.enumerated() {
      let site = "\(section.label) relocation \(n) at \(hex(r.offset))"
      guard r.type == .abs64 else {
        throw ObjectError(.badRelocation, "\(site): relocation type \(r.rawType) is not R_BPF_64_ABS64")
      }
      // The map whose variable covers the offset.
      var low = 0
      var high = maps.count
      while low < high {
        let mid = (low + high) / 2
        if UInt64(maps[mid].offset) <= r.offset { low = mid + 1 } else { high = mid }
      }
      let owner = low - 1
      guard owner >= 0, r.offset < UInt64(maps[owner].offset) + (sizes[owner] ?? 0)
      else { throw ObjectError(.badRelocation, "\(site): not inside any map variable") }
      let map = maps[owner]
      if valuesOffsets[owner] == nil {
        valuesOffsets[owner] = .some(btf.type(map.btfType)?.members.first { $0.name == "values" }?.bitOffset)
      }
      guard let valuesBits = valuesOffsets[owner] ?? nil else {
        throw ObjectError(.badRelocation, "\(site): map '\(map.name)' has no 'values' field to initialise")
      }
      let start = UInt64(map.offset) + UInt64(valuesBits / 8)
      guard r.offset >= start, (r.offset - start) % 8 == 0 else {
        throw ObjectError(.badRelocation, "\(site): not on a slot of map '\(map.name)' values")
      }
      let slot = Int((r.offset - start) / 8)
      let symbol = elf.symbols[r.symbolIndex]
      let target: BTFMapDefinition.SlotInitializer.Target
      if Int(symbol.sectionIndex) == section.index, let i = byOffset[Int(clamping: symbol.value)] {
        target = .map(index: i)
      } else if let c = codeByIndex[Int(symbol.sectionIndex)], symbol.type == .function,
        symbol.value % 8 == 0, c.function(startingAt: Int(clamping: symbol.value / 8)) != nil
      {
        target = .program(name: symbol.name)
      } else {
        throw ObjectError(.badRelocation, "\(site): \(symbol.label) is neither a map nor a program")
      }
      maps[owner].initialValues.append(.init(slot: slot, symbol: symbol.name, target: target))
    }
    for i in maps.indices { maps[i].initialValues.sort { $0.slot < $1.slot } }
  }
}

/// Map elements as people change them (netsh's missing map commands, bpftool's `map update` /
/// `delete`): program arrays and maps of maps take object ids, checked and reference-counted.
extension EbpfCore {
  /// Stores `value` under `key`. For a map of maps the value is an inner map id (0 empties the
  /// slot): the map must match the template, and the outer map holds a reference on it.
  public func updateElement(_ m: MapObject, key: [UInt8], value: [UInt8], flags: MapUpdateFlags = .any)
    throws(EBPFResult)
  {
    if m.map.type.isMapOfMaps {
      guard key.count == m.map.keySize, value.count == 4 else { throw .invalidArgument }
      let previous = (try? m.map.lookup(key)).map(loadU32) ?? 0
      let id = loadU32(value)
      if id != 0 { retainMap(id) }
      do {
        try m.map.update(key, value, flags: flags)
      } catch {
        if id != 0 { releaseMap(id) }
        throw error
      }
      if previous != 0 { releaseMap(previous) }
      return
    }
    try m.map.update(key, value, flags: flags)
  }

  /// Removes `key` (a map of maps releases the inner map it held).
  public func deleteElement(_ m: MapObject, key: [UInt8]) throws(EBPFResult) {
    let previous = m.map.type.isMapOfMaps ? (try? m.map.lookup(key)).map(loadU32) ?? 0 : 0
    if m.map.type.holdsObjectIDs, m.map.type != .hashOfMaps {
      // Arrays of ids are emptied by storing 0.
      guard key.count == m.map.keySize else { throw .invalidArgument }
      try m.map.update(key, [0, 0, 0, 0])
    } else {
      try m.map.delete(key)
    }
    if previous != 0 { releaseMap(previous) }
  }

  /// Stores an object id in a program array or map of maps slot.
  func setHeldObject(_ id: UInt32, in outer: MapObject, key: UInt32) throws(EBPFResult) {
    let k = [
      UInt8(truncatingIfNeeded: key), UInt8(truncatingIfNeeded: key >> 8), UInt8(truncatingIfNeeded: key >> 16),
      UInt8(truncatingIfNeeded: key >> 24),
    ]
    let v = [
      UInt8(truncatingIfNeeded: id), UInt8(truncatingIfNeeded: id >> 8), UInt8(truncatingIfNeeded: id >> 16),
      UInt8(truncatingIfNeeded: id >> 24),
    ]
    try updateElement(
      outer, key: Array(k.prefix(outer.map.keySize)) + [UInt8](repeating: 0, count: max(0, outer.map.keySize - 4)),
      value: v)
  }
}

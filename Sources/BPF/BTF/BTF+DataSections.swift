extension BTF {
  /// Fills in what clang leaves to the loader in DATASEC records: a section's size (0 in the
  /// object) and each variable's offset (taken from the symbol of the same name). `layout` gives,
  /// for a section name, its size and the offsets of its named symbols; sections it does not know
  /// stay as they are.
  func fillingDataSections(_ layout: (String) -> (size: Int, offsets: [String: UInt64])?) throws(BTFError) -> BTF {
    var changed = false
    var fixed = types
    for (i, t) in types.enumerated() {
      guard case .dataSection(let size, let variables) = t.detail, let section = layout(t.name) else { continue }
      var newVariables = variables
      for (j, v) in variables.enumerated() {
        guard let variable = type(v.type), let offset = section.offsets[variable.name], offset <= UInt64(UInt32.max) else {
          continue
        }
        newVariables[j] = BTFType.SectionVariable(type: v.type, offset: UInt32(offset), size: v.size)
      }
      let newSize = size == 0 ? UInt32(clamping: section.size) : size
      if newSize != size || newVariables != variables {
        changed = true
        fixed[i] = BTFType(
          id: t.id, kind: t.kind, name: t.name, kindFlag: t.kindFlag, detail: .dataSection(size: newSize, variables: newVariables))
      }
    }
    guard changed else { return self }
    let sizes = try BTF.resolveSizes(fixed)
    try BTF.checkLayout(fixed, sizes)
    return BTF(types: fixed, strings: strings, sizes: sizes, byName: byName, aliasTargets: aliasTargets)
  }
}

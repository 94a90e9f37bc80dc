/// Helper calls: arguments checked against the prototype, r1–r5 clobbered, r0 set by the return kind.
extension AbstractMachine {
  func call(_ id: Int32, _ site: Site, _ s: inout AbstractState) {
    guard let signature = environment.helpers[id] else {
      findings.fail("invalid helper function id \(id)")
      for r in 1...5 { s.clobber(r) }
      s.set(0, .number(.top))
      return
    }
    if signature.returns == .integerOrNoReturnIfSucceed && site.depth > 0 {
      findings.fail("tail call not supported in subprogram (valid call(\(signature.name)))")
    }
    var mapArgument: (Register, RegisterValue)? = nil
    var writes: [(RegisterValue, Interval)] = []  // writable memory arguments and their sizes
    var r = 1
    while r <= 5 {
      let kind = signature.argument(r)
      guard let reg = Register(UInt8(r)) else { break }
      switch kind {
      case .dontCare:
        break
      case .anything, .size, .sizeOrZero:
        if let v = read(reg, s, required: .number) { requireNumber(reg, v) }
      case .context:
        if let v = read(reg, s, required: .ctx) {
          if v.types != .ctx {
            findings.fail("Invalid type (\(AssertionText.type(reg, .ctx)))")
          } else if v.offsets.ctx != Interval(constant: 0) {
            findings.fail("Nonzero context offset (\(reg).ctx_offset == 0)")
          }
        }
      case .map, .programArray:
        let required: TypeSet = kind == .map ? .mapFD : .mapPrograms
        if let v = read(reg, s, required: required) {
          let allowed: TypeSet = kind == .map ? .maps : .mapPrograms
          if !v.types.isSubset(of: allowed) {
            findings.fail("Invalid type (\(AssertionText.type(reg, required)))")
          } else if v.nullable {
            findings.fail("Possible null access (\(reg).map_fd != 0)")
          } else {
            mapArgument = (reg, v)
          }
        }
      case .mapKey, .mapValue:
        checkMapBuffer(reg, key: kind == .mapKey, mapArgument, s)
      case .readableMemory, .readableMemoryOrNull, .writableMemory:
        guard r < 5, let sizeRegister = Register(UInt8(r + 1)) else { break }
        let sizeKind = signature.argument(r + 1)
        var size = Interval(constant: 0)
        if let sv = read(sizeRegister, s, required: .number), requireNumber(sizeRegister, sv) {
          size = sv.scalar.s
          if sizeKind == .sizeOrZero {
            if size.lo < 0 { findings.fail("Invalid size (\(sizeRegister).value >= 0)") }
          } else if size.lo < 1 {
            findings.fail("Invalid size (\(sizeRegister).value > 0)")
          }
        }
        let orNull = kind == .readableMemoryOrNull
        let group: TypeSet = orNull ? [.number, .stack, .packet, .shared] : [.stack, .packet, .shared]
        if let mv = read(reg, s, required: group) {
          let isNull = mv.types == .number && mv.scalar.constant == 0
          if !(orNull && isNull) {
            var checked = mv
            if orNull && mv.types.contains(.number) {
              // The number case is allowed only as null: any other number is an address the
              // helper would read from.
              if mv.scalar.constant != 0 {
                let access = AssertionText.access(reg, offset: 0, width: "\(sizeRegister)", write: false)
                findings.fail("Non-null number (\(access))")
              }
              checked.types.remove(.number)
            }
            let write = kind == .writableMemory
            checkAccess(
              reg, checked, offset: 0, width: .register(sizeRegister, size), write: write, s, required: group,
              stackMustBeNumeric: !write)
            if write { writes.append((checked, size)) }
          }
        }
        r += 2
        continue
      }
      r += 1
    }

    // The helper fills writable stack buffers.
    for (mv, sizeRange) in writes where mv.types.contains(.stack) {
      let off = mv.offsets.stack.clamped
      let size = sizeRange.clamped
      let lo = max(0, off.lo)
      let hi = min(Int64(s.stack.size), off.hi + max(0, size.hi))
      guard lo < hi else { continue }
      let certain: Range<Int> =
        mv.types == .stack && off.lo + max(0, size.lo) > off.hi && off.hi >= 0
        ? Int(off.hi)..<Int(min(Int64(s.stack.size), off.lo + max(0, size.lo))) : 0..<0
      s.stack.storeNumbers(somewhereIn: Int(lo)..<Int(hi), certainly: certain.isEmpty ? 0..<0 : certain)
    }
    if signature.reallocatesData { invalidateDataPointers(&s) }
    for reg in 1...5 { s.clobber(reg) }

    switch signature.returns {
    case .integer, .integerOrNoReturnIfSucceed:
      s.set(0, .number(.top))
    case .mapValueOrNull:
      s.set(0, lookupResult(mapArgument?.1, site, &s))
    }
  }

  /// Checks a map key or value buffer (`within stack(r2:key_size(r1))`).
  private func checkMapBuffer(_ reg: Register, key: Bool, _ map: (Register, RegisterValue)?, _ s: AbstractState) {
    let what = key ? "key_size" : "value_size"
    let label = "within stack(\(reg):\(what)(\(map.map { "\($0.0)" } ?? "r1")))"
    guard let (_, mv) = map else {
      _ = read(reg, s)
      return
    }
    let sizes = maps(in: mv.maps).map { key ? $0.keySize : $0.valueSize }
    guard let width = sizes.first, sizes.allSatisfy({ $0 == width }) else {
      findings.fail("Map \(key ? "key" : "value") size is not singleton (\(label))")
      return
    }
    if width == 0 { return }
    let group: TypeSet = [.stack, .packet, .shared]
    guard let v = read(reg, s, required: group) else { return }
    if !v.types.isSubset(of: group) {
      findings.fail("Only stack or packet can be used as a parameter (\(label))")
    }
    var pointers = v
    pointers.types = v.types.intersection(group)
    checkAccess(reg, pointers, offset: 0, width: .constant(width), write: false, s, required: group, label: label)
    if v.types.contains(.stack) {
      let off = v.offsets.stack.clamped
      if off.lo >= 0, off.hi != .max, off.hi + Int64(width) <= Int64(s.stack.size) {
        let range = Int(off.lo)..<Int(off.hi + Int64(width))
        if s.stack.isInitialized(range) && !s.stack.isNumeric(range) {
          findings.fail(
            "Illegal map update with a non-numerical value [\(range.lowerBound)-\(range.upperBound)) (\(label))")
        }
      }
    }
  }

  /// r0 after a lookup: a pointer to a value of the map (or the inner map of a map of maps), or null.
  private func lookupResult(_ map: RegisterValue?, _ site: Site, _ s: inout AbstractState) -> RegisterValue {
    guard let map else { return .number(.top) }
    let candidates = maps(in: map.maps)
    // A new lookup result takes over the id; older holders no longer share its null-ness.
    for r in 0..<10 where s.regs[r].nullID == site.nullID { s.regs[r].nullID = 0 }
    s.stack.clearNullID(site.nullID)
    var inner: [Int] = []
    for m in candidates {
      if case .mapOfMaps(let i) = m.kind, environment.maps.indices.contains(i) { inner.append(i) }
    }
    if !inner.isEmpty && inner.count == candidates.count {
      let programs = inner.allSatisfy { environment.maps[$0].kind == .programArray }
      var v = RegisterValue(types: programs ? .mapPrograms : .mapFD)
      for i in inner { v.maps |= Self.mapBit(i) }
      v.nullable = true
      v.nullID = site.nullID
      return v
    }
    var v = RegisterValue.pointer(.shared, offset: Interval(constant: 0))
    let sizes = candidates.map { Int64($0.valueSize) }
    v.sharedSize = Interval(sizes.min() ?? 0, sizes.max() ?? 0)
    v.sharedReadOnly = candidates.contains { $0.readOnly }
    v.nullable = true
    v.nullID = site.nullID
    return v
  }

  /// After a helper that may move the data region: data pointers die and its size is unknown again.
  private func invalidateDataPointers(_ s: inout AbstractState) {
    for r in 0..<10 where s.regs[r].types.contains(.packet) {
      var v = s.regs[r]
      v.types.remove(.packet)
      if v.types.isEmpty || v.types == .uninit { v = .uninit } else { v.types.insert(.uninit) }
      s.set(r, v)
    }
    var stack = s.stack
    for c in stack.cells where c.value.types.contains(.packet) {
      stack.storeNumbers(somewhereIn: c.offset..<(c.offset + c.width), certainly: 0..<0)
    }
    s.stack = stack
    s.zone.assign(Var.packetSize, Interval(0, options.dataSizeLimit))
    s.zone.assign(Var.metaOffset, s.zone.interval(Var.metaOffset).hull(Interval(-4096, 0)))
  }
}

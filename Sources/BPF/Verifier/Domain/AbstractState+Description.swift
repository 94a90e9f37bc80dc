/// The abstract state in PREVAIL's invariant notation: `r1.type=ctx`, `r1.ctx_offset=0`,
/// `r2.svalue=[0, 32]`, `packet_size=[0, 65535]`, `r2.svalue-packet_size<=0`,
/// `s[504...511].type=number`.
extension AbstractState {
  /// One constraint per element; `["_|_"]` for the unreachable state. `mapFDs` gives the descriptor
  /// a map index is printed as (`r1.map_fd=1`); indices without one print as they are.
  func constraints(hasData: Bool, loopHeads: [Int: Int] = [:], mapFDs: [Int: Int32] = [:]) -> [String] {
    if isBottom { return ["_|_"] }
    var out: [String] = []
    for r in 0..<10 {
      out += Self.describe("r\(r)", regs[r], mapFDs: mapFDs)
    }
    out += ["r10.type=stack", "r10.stack_offset=\(frameTop)"]
    if hasData {
      out.append("packet_size=\(zone.interval(Var.packetSize))")
      out.append("meta_offset=\(zone.interval(Var.metaOffset))")
    }
    for d in 0..<levels {
      let i = loopCount(d)
      // Counters of loops the instruction is not in hold stale values: not shown.
      if let pc = loopHeads[d] { out.append("pc[\(pc)]=\(i)") }
    }
    out += relations(hasData: hasData, loopHeads: loopHeads)
    // The bytes the initialised segment surely covers print as the numbers they are.
    var shown = self
    shown.materializeSegment()
    out += shown.stackConstraints(mapFDs: mapFDs)
    return out
  }

  /// What a register (or spilled slot) holds; nothing for a register never written.
  static func describe(_ name: String, _ v: RegisterValue, mapFDs: [Int: Int32] = [:]) -> [String] {
    if v.types == .uninit { return [] }
    var out = ["\(name).type\(v.types.rawValue.nonzeroBitCount == 1 ? "=" : " in ")\(v.types)"]
    if v.types.contains(.number) {
      out.append("\(name).svalue=\(v.scalar.s)")
      let u =
        v.scalar.umin == v.scalar.umax
        ? "\(v.scalar.umin)" : "[\(v.scalar.umin), \(v.scalar.umax == .max ? "+oo" : String(v.scalar.umax))]"
      if v.scalar.s.lo < 0 || v.scalar.s.lo == .min || UInt64(max(0, v.scalar.s.lo)) != v.scalar.umin
        || v.scalar.s.hi == .max || UInt64(max(0, v.scalar.s.hi)) != v.scalar.umax
      {
        out.append("\(name).uvalue=\(u)")
      }
    }
    for k in v.types.pointerKinds {
      out.append("\(name).\(k.offsetName)=\(v.offsets[k])")
    }
    if v.types.contains(.shared) {
      out.append("\(name).shared_region_size=\(v.sharedSize)")
      if v.sharedReadOnly { out.append("\(name).read_only") }
    }
    if !v.types.intersection(.maps).isEmpty {
      var indices: [String] = []
      for i in 0..<64 where v.maps & (1 << UInt64(i)) != 0 { indices.append(mapFDs[i].map(String.init) ?? String(i)) }
      out.append(
        "\(name).map_fd="
          + (indices.count == 1 ? indices[0] : "{\(indices.joined(separator: ", "))}"))
    }
    if v.nullable { out.append("\(name).maybe_null") }
    return out
  }

  /// Relations the zone knows beyond the variables' own ranges.
  private func relations(hasData: Bool, loopHeads: [Int: Int] = [:]) -> [String] {
    var vars: [(Int, String)] = []
    for d in 0..<levels {
      if let pc = loopHeads[d] { vars.append((Var.counter(d), "pc[\(pc)]")) }
    }
    if hasData { vars += [(Var.packetSize, "packet_size"), (Var.metaOffset, "meta_offset")] }
    for r in 0..<10 {
      let v = regs[r]
      if v.types.contains(.number) { vars.append((Var.value(r), "r\(r).svalue")) }
      if let k = v.types.singlePointerKind { vars.append((Var.offset(r), "r\(r).\(k.offsetName)")) }
    }
    var out: [String] = []
    for (x, xn) in vars {
      for (y, yn) in vars where x != y {
        guard let c = zone.upperBound(x, minus: y) else { continue }
        let xi = zone.interval(x)
        let yi = zone.interval(y)
        // Implied by the ranges alone?
        if xi.hi != .max, yi.lo != .min, let implied = Interval(constant: xi.hi).subtracting(Interval(constant: yi.lo)),
          implied.hi <= c
        {
          continue
        }
        out.append("\(xn)-\(yn)<=\(c)")
      }
    }
    return out
  }

  /// Initialised stack bytes and spilled values.
  private func stackConstraints(mapFDs: [Int: Int32]) -> [String] {
    var out: [String] = []
    var i = 0
    let n = stack.size
    while i < n {
      let kind = stack.byte(i)
      if kind == .uninit {
        i += 1
        continue
      }
      if let c = stack.cells.first(where: { $0.offset == i }) {
        let name = "s[\(c.offset)...\(c.offset + c.width - 1)]"
        out += Self.describe(name, c.value, mapFDs: mapFDs)
        i = c.offset + c.width
        continue
      }
      var j = i
      while j < n && stack.byte(j) == .number && !stack.cells.contains(where: { $0.offset == j }) { j += 1 }
      if j > i {
        out.append("s[\(i)...\(j - 1)].type=number")
        i = j
      } else {
        i += 1
      }
    }
    return out
  }
}

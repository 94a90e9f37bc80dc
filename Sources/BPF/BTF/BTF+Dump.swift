extension BTF {
  /// Renders every type in bpftool's `btf dump … format raw` layout: one `[id] KIND 'name' attrs`
  /// line per type, with members, enumerators, parameters and section entries on TAB-indented lines.
  public func dumpRaw() -> String {
    var out = ""
    for id in 1..<max(types.count, 1) {
      out += dumpRaw(UInt32(id))
      out += "\n"
    }
    return out
  }

  /// The raw dump of one type (no trailing newline); empty when the id does not exist.
  public func dumpRaw(_ id: UInt32) -> String {
    guard let t = type(id) else { return "" }
    func quoted(_ name: String) -> String { "'" + (name.isEmpty ? "(anon)" : name) + "'" }
    var line = "[\(id)] \(t.kind.dumpName) \(quoted(t.name))"
    switch t.detail {
    case .void:
      break
    case .int(let size, let encoding, let bitOffset, let bits):
      let name: String
      switch encoding.rawValue {
      case 0: name = "(none)"
      case 1: name = "SIGNED"
      case 2: name = "CHAR"
      case 4: name = "BOOL"
      default: name = "UNKN"
      }
      line += " size=\(size) bits_offset=\(bitOffset) nr_bits=\(bits) encoding=\(name)"
    case .pointer(let to), .alias(let to):
      line += " type_id=\(to)"
    case .array(let element, let index, let count):
      line += " type_id=\(element) index_type_id=\(index) nr_elems=\(count)"
    case .aggregate(let size, let members):
      line += " size=\(size) vlen=\(members.count)"
      for m in members {
        line += "\n\t\(quoted(m.name)) type_id=\(m.type) bits_offset=\(m.bitOffset)"
        if m.bitfieldSize != 0 { line += " bitfield_size=\(m.bitfieldSize)" }
      }
    case .enumeration(let size, let signed, let values):
      line += " encoding=\(signed ? "SIGNED" : "UNSIGNED") size=\(size) vlen=\(values.count)"
      for v in values {
        if t.kind == .enum64 {
          line += signed ? "\n\t\(quoted(v.name)) val=\(v.value)LL" : "\n\t\(quoted(v.name)) val=\(UInt64(bitPattern: v.value))ULL"
        } else {
          line += "\n\t\(quoted(v.name)) val=\(signed ? v.value : Int64(UInt32(truncatingIfNeeded: v.value)))"
        }
      }
    case .forward(let isUnion):
      line += " fwd_kind=\(isUnion ? "union" : "struct")"
    case .function(let proto, let linkage):
      line += " type_id=\(proto) linkage=\(BTFType.Linkage(rawValue: linkage)?.dumpName ?? "(unknown)")"
    case .functionProto(let returns, let parameters):
      line += " ret_type_id=\(returns) vlen=\(parameters.count)"
      for p in parameters { line += "\n\t\(quoted(p.name)) type_id=\(p.type)" }
    case .variable(let type, let linkage):
      line += " type_id=\(type), linkage=\(BTFType.Linkage(rawValue: linkage)?.dumpName ?? "(unknown)")"
    case .dataSection(let size, let variables):
      line += " size=\(size) vlen=\(variables.count)"
      for v in variables {
        line += "\n\ttype_id=\(v.type) offset=\(v.offset) size=\(v.size)"
        if let vt = type(v.type) { line += " (\(vt.kind.dumpName) \(quoted(vt.name)))" }
      }
    case .float(let size):
      line += " size=\(size)"
    case .declTag(let target, let component):
      line += " type_id=\(target) component_idx=\(component)"
    }
    return line
  }

  /// A C-like spelling of a type for messages and signatures: `struct task_stat`, `u32 *`,
  /// `char[32]`, `int (void *, u64)`.
  public func typeName(_ id: UInt32) -> String { typeName(id, depth: 0) }

  private func typeName(_ id: UInt32, depth: Int) -> String {
    // Prototypes nest through their parameters (possibly back to themselves through a pointer).
    // Depth and parameter caps keep the work small for hostile prototypes.
    guard depth < 3 else { return "…" }
    var suffix = ""
    var current = id
    var prefix = ""
    // Bounded walk: each step moves along one reference; parsing rejected non-pointer loops, and
    // pointer loops end at the step limit.
    for _ in 0..<64 {
      guard let t = type(current) else { return "(invalid)" + suffix }
      switch t.detail {
      case .void:
        return prefix + "void" + suffix
      case .pointer(let to):
        suffix = " *" + suffix
        current = to
      case .array(let element, _, let count):
        suffix += "[\(count)]"
        current = element
      case .alias(let to):
        switch t.kind {
        case .typedef: return prefix + t.name + suffix
        case .const: prefix += "const "
        case .volatile: prefix += "volatile "
        case .restrict: suffix = " restrict" + suffix
        default: break
        }
        current = to
      case .aggregate:
        return prefix + (t.kind == .union ? "union " : "struct ") + t.displayName + suffix
      case .enumeration:
        return prefix + "enum " + t.displayName + suffix
      case .forward(let isUnion):
        return prefix + (isUnion ? "union " : "struct ") + t.displayName + suffix
      case .functionProto(let returns, let parameters):
        var args = parameters.prefix(8).map {
          $0.type == 0 && $0.name.isEmpty ? "..." : typeName($0.type, depth: depth + 1)
        }
        if parameters.count > 8 { args.append("…") }
        return typeName(returns, depth: depth + 1) + " (" + (args.isEmpty ? "void" : args.joined(separator: ", ")) + ")" + suffix
      case .function(let proto, _):
        current = proto
      case .int, .float, .variable, .dataSection, .declTag:
        return prefix + t.displayName + suffix
      }
    }
    return prefix + "…" + suffix
  }
}

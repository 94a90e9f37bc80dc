import BPF
import EBPFRuntime
import Shell

/// What netsh lacks and eBPF Studio and bpftool add for maps: the contents (`show entries`, keys and
/// values through BTF), and changing them (`set entry`, `delete entry`, `add entry` for queues and
/// stacks). Map arguments are an id or a name.
enum MapEntryCommands {
  static func all(_ world: EbpfWorld) -> [CommandSpec] { [show(world), set(world), delete(world), add(world)] }

  static func mapReferences(_ world: EbpfWorld) -> (Session) -> [String] {
    { _ in (world.host.existingCore?.mapsByID ?? []).flatMap { [String($0.id), $0.name] } }
  }

  static func map(_ call: CommandCall, _ world: EbpfWorld) throws -> MapObject {
    let reference = call.args["map"] ?? ""
    guard let m = try world.core().findMap(reference) else {
      throw ShellError.failed("There is no map '\(reference)'.")
    }
    return m
  }

  static func key(_ call: CommandCall, _ m: MapObject) throws -> [UInt8] {
    guard let text = call.args["key"] else { throw ShellError.failed("A key is needed: key=….") }
    do {
      return try ValueCodec.encode(text, size: m.map.keySize, type: m.keyType, btf: m.btf)
    } catch {
      throw ShellError.failed("The key is not valid for \(m.name): \(error.description).")
    }
  }

  static func value(_ call: CommandCall, _ m: MapObject) throws -> [UInt8] {
    guard let text = call.args["value"] else { throw ShellError.failed("A value is needed: value=….") }
    let size = m.map.type.holdsObjectIDs ? 4 : m.map.valueSize
    let one: [UInt8]
    do {
      one = try ValueCodec.encode(text, size: size, type: m.map.type.holdsObjectIDs ? nil : m.valueType, btf: m.btf)
    } catch {
      throw ShellError.failed("The value is not valid for \(m.name): \(error.description).")
    }
    return perCPU(one, m.map)
  }

  /// Each CPU's value out of a per-CPU map's whole value (the padding between them dropped).
  static func perCPUValues(_ whole: [UInt8], _ map: EBPFMap) -> [[UInt8]] {
    (0..<map.cpuCount).compactMap { cpu in
      let start = cpu &* map.valueStride
      guard start < whole.count else { return nil }
      return Array(whole[start..<min(start &+ map.valueSize, whole.count)])
    }
  }

  /// A per-CPU map takes every CPU's value, each padded to the value stride: like bpftool's
  /// `fill_per_cpu_value`, the one value given is stored for every CPU. Other maps take it as is.
  static func perCPU(_ one: [UInt8], _ map: EBPFMap) -> [UInt8] {
    guard map.cpuCount > 1, one.count == map.valueSize else { return one }
    var whole = [UInt8](repeating: 0, count: map.wholeValueSize)
    for cpu in 0..<map.cpuCount {
      let start = cpu &* map.valueStride
      guard start &+ one.count <= whole.count else { break }
      whole.replaceSubrange(start..<start + one.count, with: one)
    }
    return whole
  }

  static let valueSyntax =
    "Keys and values are typed through the map's BTF: a number (42, 0x2a), text:… (UTF-8) or utf16:… (UTF-16LE, "
    + "like an app id), an IPv4 address (10.1.2.0), hex:… (raw bytes), or {a,b,…} for a struct's members in order. "
    + "Short values are zero-padded."

  // MARK: show entries

  static func show(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["show", "entries"], "Shows the contents of an eBPF map (bpftool's map dump and lookup).",
      tags: [
        TagSpec("map", .text(placeholder: "id|name"), .required, help: "The map.", complete: mapReferences(world)),
        TagSpec("key", .text(placeholder: "key"), help: "Only this key (bpftool's map lookup)."),
        Netsh.format,
      ],
      remarks: [
        "Each entry is `key: K  value: V`, rendered through the map's BTF when the object had it (fields by name; a "
          + "char array holding UTF-8 or UTF-16LE text, such as an app id, as a string), else in hex as bpftool "
          + "prints it; then `Found N elements`. Per-CPU maps show one value per CPU; queues and stacks their values "
          + "in pop order; ring buffers their unread records. The map is read as it is now.",
        valueSyntax,
      ],
      examples: ["show entries proc_map", "show entries 2 key=1234", "show entries proc_map format=json"]
    ) { call in
      let m = try map(call, world)
      var entries: [(key: [UInt8]?, value: [UInt8])] = []
      switch m.map {
      case let ring as RingBufferMap:
        entries = ring.pendingRecords().map { (nil, $0) }
      case let perf as PerfEventArrayMap:
        entries = (0..<perf.ringCount).flatMap { cpu in perf.pendingRecords(cpu: cpu).map { ([UInt8(cpu)], $0) } }
      default:
        if m.map.keySize == 0 {
          entries = m.map.queuedValues.map { (nil, $0) }
        } else if call.args.has("key") {
          let k = try key(call, m)
          do {
            entries = [(k, try m.map.lookup(k))]
          } catch {
            throw ShellError.failed("Error: key not found in \(m.name) (\(resultName(error))).")
          }
        } else {
          do {
            entries = try m.map.entries().map { ($0.key, $0.value) }
          } catch {
            throw ShellError.failed("The map could not be read (\(resultName(error))).")
          }
        }
      }
      if EbpfWorld.wantsJSON(call) {
        call.out.write(JSONValue.array(entries.map { json(m, $0.key, $0.value) }).text)
        return
      }
      for e in entries { for line in lines(m, e.key, e.value) { call.out.line(line) } }
      if !call.args.has("key") { call.out.line("Found \(entries.count) element\(entries.count == 1 ? "" : "s")") }
    }
  }

  /// One entry as text.
  static func lines(_ m: MapObject, _ key: [UInt8]?, _ value: [UInt8]) -> [String] {
    let type = m.map.type
    if type == .ringbuf { return ["record: " + ValueCodec.hex(value)] }
    if type == .perfEventArray { return ["cpu \(key?.first ?? 0) record: " + ValueCodec.hex(value)] }
    var valueText: String
    if type.holdsObjectIDs {
      let id = UInt32(value[0]) | UInt32(value[1]) << 8 | UInt32(value[2]) << 16 | UInt32(value[3]) << 24
      valueText = id == 0 ? "empty" : type == .progArray ? "program id \(id)" : "inner map id \(id)"
    } else if m.map.cpuCount > 1 {
      var out = ["key: " + (key.map { render($0, m.keyType, m) } ?? "")]
      for (cpu, one) in perCPUValues(value, m.map).enumerated() {
        out.append("value (CPU \(cpu < 10 ? "0" : "")\(cpu)): " + render(one, m.valueType, m))
      }
      return out
    } else {
      valueText = render(value, m.valueType, m)
    }
    guard let key else { return ["value: " + valueText] }
    let keyText = render(key, m.keyType, m)
    if keyText.contains("\n") || valueText.contains("\n") { return ["key:", keyText, "value:", valueText] }
    return ["key: \(keyText)  value: \(valueText)"]
  }

  static func render(_ bytes: [UInt8], _ type: UInt32?, _ m: MapObject) -> String {
    ValueCodec.formatted(bytes, type: type, btf: m.btf)?.description ?? ValueCodec.hex(bytes)
  }

  static func json(_ m: MapObject, _ key: [UInt8]?, _ value: [UInt8]) -> JSONValue {
    var members: [(String, JSONValue)] = []
    if let key { members.append(("key", JSONValue.hexBytes(key))) }
    var formatted: [(String, JSONValue)] = []
    if let key, let k = ValueCodec.formatted(key, type: m.keyType, btf: m.btf) {
      formatted.append(("key", JSONValue(k)))
    }
    if m.map.cpuCount > 1 {
      // bpftool's layout for per-CPU maps: "values": [{"cpu": N, "value": [...]}, ...].
      let cpus = perCPUValues(value, m.map)
      members.append(
        ("values", .array(cpus.enumerated().map { .object([("cpu", .number(Int64($0))), ("value", .hexBytes($1))]) })))
      let shown = cpus.enumerated().compactMap { cpu, one in
        ValueCodec.formatted(one, type: m.valueType, btf: m.btf).map {
          JSONValue.object([("cpu", .number(Int64(cpu))), ("value", JSONValue($0))])
        }
      }
      if shown.count == cpus.count, !shown.isEmpty { formatted.append(("values", .array(shown))) }
    } else {
      members.append(("value", JSONValue.hexBytes(value)))
      if !m.map.type.holdsObjectIDs, let v = ValueCodec.formatted(value, type: m.valueType, btf: m.btf) {
        formatted.append(("value", JSONValue(v)))
      }
    }
    if !formatted.isEmpty { members.append(("formatted", .object(formatted))) }
    return .object(members)
  }

  // MARK: set / delete / add entry

  static func set(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["set", "entry"], "Stores a value under a key in an eBPF map (bpftool's map update).",
      tags: [
        TagSpec("map", .text(placeholder: "id|name"), .required, help: "The map.", complete: mapReferences(world)),
        TagSpec("key", .text(placeholder: "key"), .required, help: "The key."),
        TagSpec(
          "value", .text(placeholder: "value"), .required,
          help:
            "The value; for program arrays and maps of maps, an object id (0 empties the slot); per-CPU maps "
            + "store it for every CPU (like bpftool)."),
        TagSpec(
          "flags", .choice(["any", "noexist", "exist"]),
          help: "BPF_ANY, BPF_NOEXIST (create only) or BPF_EXIST (replace only).", default: "any"),
      ],
      remarks: [valueSyntax],
      examples: [
        "set entry denied_apps key=utf16:notepad.exe value=0", "set entry connect_rules key={8,10.0.0.0} value=0",
      ]
    ) { call in
      let m = try map(call, world)
      let k = try key(call, m)
      let v = try value(call, m)
      let flags: MapUpdateFlags =
        call.args["flags"] == "noexist" ? .noExist : call.args["flags"] == "exist" ? .exist : .any
      let core = try world.core()
      do {
        try core.updateElement(m, key: k, value: v, flags: flags)
      } catch let e as EBPFResult {
        if e == .invalidFD, let bound = m.programType, m.map.type == .progArray {
          let id = v.count >= 4 ? UInt32(v[0]) | UInt32(v[1]) << 8 | UInt32(v[2]) << 16 | UInt32(v[3]) << 24 : 0
          let type = core.programs[id]?.programType.name ?? "another type"
          throw ShellError.failed(
            "The entry could not be stored in \(m.name) (\(e.name)): it holds \(bound.name) programs and program "
              + "\(id) is of type \(type).")
        }
        throw ShellError.failed("The entry could not be stored in \(m.name) (\(e.name)).")
      }
      call.out.ok()
    }
  }

  static func delete(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["delete", "entry"], "Removes a key from an eBPF map, or pops a queue or stack (bpftool's map delete / pop).",
      tags: [
        TagSpec("map", .text(placeholder: "id|name"), .required, help: "The map.", complete: mapReferences(world)),
        TagSpec(
          "key", .text(placeholder: "key"), help: "The key; queues and stacks take none and print the value popped."),
      ],
      remarks: [valueSyntax],
      examples: ["delete entry proc_map key=1234", "delete entry recent_pids"]
    ) { call in
      let m = try map(call, world)
      if m.map.keySize == 0 {
        do {
          call.out.line("value: " + render(try m.map.pop(), m.valueType, m))
        } catch {
          throw ShellError.failed("Nothing to pop from \(m.name) (\(resultName(error))).")
        }
        return
      }
      let k = try key(call, m)
      do {
        try world.core().deleteElement(m, key: k)
      } catch let e as EBPFResult {
        throw ShellError.failed("The key could not be removed from \(m.name) (\(e.name)).")
      }
      call.out.ok()
    }
  }

  static func add(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["add", "entry"], "Pushes a value onto an eBPF queue or stack (bpftool's map push).",
      tags: [
        TagSpec(
          "map", .text(placeholder: "id|name"), .required, help: "The queue or stack.", complete: mapReferences(world)),
        TagSpec("value", .text(placeholder: "value"), .required, help: "The value."),
        TagSpec(
          "flags", .choice(["any", "exist"]), help: "BPF_EXIST overwrites the oldest value when full.", default: "any"),
      ],
      remarks: [valueSyntax],
      examples: ["add entry recent_pids value=1234"]
    ) { call in
      let m = try map(call, world)
      guard m.map.type == .queue || m.map.type == .stack else {
        throw ShellError.failed("\(m.name) is not a queue or a stack.")
      }
      let v = try value(call, m)
      do {
        try m.map.push(v, flags: call.args["flags"] == "exist" ? .exist : .any)
      } catch {
        throw ShellError.failed("The value could not be pushed onto \(m.name) (\(resultName(error))).")
      }
      call.out.ok()
    }
  }
}

import EBPFRuntime
import Shell

/// netsh's views of the kernel's objects: `show programs`, `show maps`, `show links`, `show pins`,
/// `show processes` — netsh's table layouts (libs/ebpfnetsh), or bpftool-like JSON. Every one reads
/// the runtime's live state.
enum ShowObjectCommands {
  static func all(_ world: EbpfWorld) -> [CommandSpec] {
    [programs(world), maps(world), links(world), pins(world), processes(world)]
  }

  // MARK: show programs

  static func programs(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["show", "programs"], "Shows eBPF programs.",
      tags: [
        TagSpec(
          "type", .text(placeholder: "type"),
          help: "Only programs of this type (a section name: bind, xdp, sock_addr…)."),
        TagSpec(
          "attached", .choice(["any", "yes", "no"]), help: "Only attached (or unattached) programs.", default: "any"),
        TagSpec("pinned", .choice(["any", "yes", "no"]), help: "Only pinned (or unpinned) programs.", default: "any"),
        TagSpec(
          "level", .choice(["normal", "informational", "verbose"]),
          help: "normal (a table) or verbose (a record per program)."),
        TagSpec("filename", .text(placeholder: "file"), help: "Only programs loaded from this file (as it was named)."),
        TagSpec("section", .text(placeholder: "section"), help: "Only programs of this section."),
        TagSpec(
          "id", .integer, help: "Only this program; shows it verbosely unless level= says otherwise.",
          complete: ProgramCommands.programIDs(world)),
        Netsh.format,
      ],
      examples: ["show programs", "show programs id=3", "show programs attached=yes format=json"]
    ) { call in
      let core = try world.core()
      var list = core.programsByID
      if let type = call.args["type"] {
        guard let t = SectionResolver.programType(forSection: type) else { throw Netsh.invalidParameter }
        list = list.filter { $0.programType.number == t.number }
      }
      switch call.args["attached"] {
      case "yes": list = list.filter { !$0.linkIDs.isEmpty }
      case "no": list = list.filter { $0.linkIDs.isEmpty }
      default: break
      }
      switch call.args["pinned"] {
      case "yes": list = list.filter { !$0.pinPaths.isEmpty }
      case "no": list = list.filter { $0.pinPaths.isEmpty }
      default: break
      }
      if let f = call.args["filename"] { list = list.filter { $0.fileName == f } }
      if let s = call.args["section"] { list = list.filter { $0.sectionName == s } }
      if let id = call.args.integer("id") { list = list.filter { Int64($0.id) == id } }
      if EbpfWorld.wantsJSON(call) {
        call.out.write(JSONValue.array(list.map(programJSON)).text)
        return
      }
      let verbose = call.args["level"].map { $0 != "normal" } ?? call.args.has("id")
      if verbose {
        for p in list { verboseRecord(p, call.out) }
        return
      }
      call.out.line()
      call.out.line("    ID  Pins  Links  Mode       Type           Name")
      call.out.line("======  ====  =====  =========  =============  ====================")
      for p in list {
        call.out.line(
          String(p.id).right(6) + "  " + String(p.pinPaths.count).right(4) + "  " + String(p.linkIDs.count).right(5)
            + "  "
            + p.executionType.modeName.left(9) + "  " + p.programType.name.left(13) + "  " + p.name)
      }
    }
  }

  static func verboseRecord(_ p: ProgramObject, _ out: Output) {
    func field(_ label: String, _ value: String) { out.line(label.left(15) + ": " + value) }
    out.line()
    field("ID", String(p.id))
    field("File name", p.fileName)
    field("Section", p.sectionName)
    field("Name", p.name)
    field("Program type", p.programType.name)
    field("Mode", p.executionType.modeName)
    field("# map IDs", String(p.mapIDs.count))
    for (i, id) in p.mapIDs.enumerated() {
      if i == 0 { field("map IDs", String(id)) } else { out.line(String(repeating: " ", count: 17) + String(id)) }
    }
    field("# pinned paths", String(p.pinPaths.count))
    field("# links", String(p.linkIDs.count))
  }

  static func programJSON(_ p: ProgramObject) -> JSONValue {
    .object([
      ("id", .unsigned(UInt64(p.id))), ("type", .string(p.programType.name)), ("name", .string(p.name)),
      ("map_ids", .array(p.mapIDs.map { .unsigned(UInt64($0)) })),
      ("pinned_path_count", .unsigned(UInt64(p.pinPaths.count))),
      ("link_count", .unsigned(UInt64(p.linkIDs.count))), ("mode", .string(p.executionType.modeName)),
      ("file_name", .string(p.fileName)), ("section", .string(p.sectionName)), ("run_cnt", .unsigned(p.runCount)),
    ])
  }

  // MARK: show maps

  static func maps(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["show", "maps"], "Shows eBPF maps.",
      tags: [Netsh.format],
      remarks: ["Inner ID is -1 for a map without an inner map template, as eBPF for Windows 0.20 printed it."],
      examples: ["show maps", "show maps format=json"]
    ) { call in
      let core = try world.core()
      if EbpfWorld.wantsJSON(call) {
        call.out.write(JSONValue.array(core.mapsByID.map(mapJSON)).text)
        return
      }
      call.out.line()
      call.out.line("                              Key  Value      Max  Inner")
      call.out.line("     ID            Map Type  Size   Size  Entries     ID  Pins  Name")
      call.out.line("=======  ==================  ====  =====  =======  =====  ====  ========")
      for m in core.mapsByID {
        let d = m.definition
        let inner = m.innerMapID.map { Int64($0) } ?? -1
        call.out.line(
          String(m.id).right(7) + "  " + d.type.displayName.right(18) + String(d.keySize).right(6)
            + String(d.valueSize).right(7)
            + String(d.maxEntries).right(9) + String(inner).right(7) + String(m.pinPaths.count).right(6) + "  " + m.name
        )
      }
    }
  }

  static func mapJSON(_ m: MapObject) -> JSONValue {
    let d = m.definition
    return .object([
      ("id", .unsigned(UInt64(m.id))), ("type", .string(d.type.displayName)), ("name", .string(m.name)),
      ("flags", .unsigned(0)), ("bytes_key", .unsigned(UInt64(d.keySize))),
      ("bytes_value", .unsigned(UInt64(d.valueSize))),
      ("max_entries", .unsigned(UInt64(d.maxEntries))), ("inner_map_id", .number(m.innerMapID.map { Int64($0) } ?? -1)),
      ("pinned_path_count", .unsigned(UInt64(m.pinPaths.count))), ("entries", .unsigned(UInt64(m.map.count))),
    ])
  }

  // MARK: show links

  static func links(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["show", "links"], "Shows eBPF links.", tags: [Netsh.format], examples: ["show links"]
    ) { call in
      let core = try world.core()
      if EbpfWorld.wantsJSON(call) {
        call.out.write(
          JSONValue.array(
            core.linksByID.map { l in
              .object([
                ("id", .unsigned(UInt64(l.id))), ("type", .unsigned(UInt64(l.linkType))),
                ("prog_id", .unsigned(UInt64(l.programID))),
                ("attach_type", .string(l.attachType.name)), ("ifindex", .unsigned(UInt64(l.interfaceIndex))),
                ("compartment_id", .unsigned(UInt64(l.compartmentID))),
              ])
            }
          ).text)
        return
      }
      call.out.line()
      call.out.line("   Link  Program  Attach")
      call.out.line("     ID       ID  Type")
      call.out.line("=======  =======  =============")
      for l in core.linksByID {
        call.out.line(String(l.id).right(7) + String(l.programID).right(9) + "  " + l.attachType.name)
      }
    }
  }

  // MARK: show pins

  static func pins(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["show", "pins"], "Shows paths used by pinned programs.",
      tags: [Netsh.format],
      remarks: ["Lists program pins only, as netsh does; `show maps` counts map pins."],
      examples: ["show pins"]
    ) { call in
      let core = try world.core()
      let pins = core.programPins
      if EbpfWorld.wantsJSON(call) {
        call.out.write(
          JSONValue.array(
            pins.map {
              .object([("id", .unsigned(UInt64($0.id))), ("type", .string("Program")), ("path", .string($0.path))])
            }
          ).text)
        return
      }
      call.out.line()
      call.out.line("     ID     Type  Path")
      call.out.line("=======  =======  ==============")
      for pin in pins { call.out.line(String(pin.id).right(7) + "  Program  " + pin.path) }
    }
  }

  // MARK: show processes

  static func processes(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["show", "processes"], "Shows processes using eBPF.",
      tags: [Netsh.format],
      remarks: [
        "Lists the processes holding eBPF's device open. In ntsh only the shell itself (playing netsh) uses the eBPF "
          + "API; the hooks run in the kernel on behalf of the processes whose sockets they see."
      ],
      examples: ["show processes"]
    ) { call in
      _ = try world.core()
      let shell = try world.shellProcess()
      guard shell.token.isAdministrator else {
        call.out.line("This command requires running as Administrator")
        throw ShellError.alreadyReported
      }
      let users = [shell]
      if EbpfWorld.wantsJSON(call) {
        call.out.write(
          JSONValue.array(users.map { .object([("pid", .unsigned(UInt64($0.pid))), ("name", .string($0.imageName))]) })
            .text)
        return
      }
      call.out.line()
      call.out.line("  PID  Name")
      call.out.line("=====  ==============")
      for p in users { call.out.line(String(p.pid).right(5) + "  " + p.imageName) }
    }
  }
}

import EBPFRuntime
import NTCore
import Shell

/// netsh's program commands: `add program`, `delete program`, `set program`, `pin|unpin program|map`
/// (libs/ebpfnetsh/programs.cpp and maps.cpp of eBPF for Windows: tags, order, defaults, messages).
enum ProgramCommands {
  static func all(_ world: EbpfWorld) -> [CommandSpec] {
    [
      add(world), delete(world), set(world), pin(world, map: false), pin(world, map: true), unpin(world, map: false),
      unpin(world, map: true),
    ]
  }

  static func programIDs(_ world: EbpfWorld) -> (Session) -> [String] {
    { _ in world.host.existingCore?.programsByID.map { String($0.id) } ?? [] }
  }

  static func mapIDs(_ world: EbpfWorld) -> (Session) -> [String] {
    { _ in world.host.existingCore?.mapsByID.map { String($0.id) } ?? [] }
  }

  static func pinPaths(_ world: EbpfWorld) -> (Session) -> [String] {
    { _ in world.host.existingCore?.pins.keys.sorted() ?? [] }
  }

  // MARK: add program

  static func add(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["add", "program"], "Loads an eBPF program.",
      tags: [
        TagSpec("filename", .file, .required, help: "The ELF object (.o) or native image (.sys) to load."),
        TagSpec(
          "type", .text(placeholder: "type"),
          help:
            "The program type of the first program, resolved as a section name (bind, xdp, cgroup/connect4…); by default each program's section decides."
        ),
        TagSpec(
          "pinpath", .text(placeholder: "path"),
          help: "Where to pin: the first program's path (default: its name), or the folder for pinned=all."),
        TagSpec(
          "interface", .text(placeholder: "interface"),
          help: "The interface an XDP program attaches to (index, alias or name)."),
        TagSpec("pinned", .choice(["none", "first", "all"]), help: "Which programs to pin.", default: "first"),
        TagSpec(
          "execution", .choice(["jit", "interpret"]),
          help:
            "Accepted and ignored, as by netsh since 2021: the file decides (.o runs in ntsh's interpreter, .sys is native)."
        ),
        TagSpec(
          "compartment", .text(placeholder: "id"), help: "The network compartment a sock_addr program attaches to."),
      ],
      remarks: [
        "Loads every program and map of the file, attaches the first program to the hook its section names, pins as "
          + "pinned= says and prints the first program's id. The loads stay open until `delete program` (netsh keeps its "
          + "objects); pinned programs outlive that. Every program is verified first: an unsafe one is refused with "
          + "`error 13: could not load program` and the verifier's report (see `show verification`), and the others "
          + "run in the interpreter with the checks the verifier proved unnecessary dropped."
      ],
      examples: [
        "add program TraceConnections.o", "add program filename=droppacket.o type=xdp interface=1 pinned=none",
      ]
    ) { call in try addProgram(call, world) }
  }

  static func addProgram(_ call: CommandCall, _ world: EbpfWorld) throws {
    let core = try world.core()
    var forced: ProgramType?
    if let type = call.args["type"] {
      guard let t = SectionResolver.programType(forSection: type) else { throw Netsh.invalidParameter }
      forced = t
    }
    let fileName = call.args["filename"] ?? ""
    let bytes: [UInt8]
    switch EbpfWorld.read(fileName, session: call.session) {
    case .success(let b): bytes = b
    case .failure(let f):
      call.out.errorLine("error \(f.code): could not open file")
      throw ShellError.alreadyReported
    }
    let object: LoadedObject
    do {
      object = try core.load(bytes: bytes, options: LoadOptions(fileName: fileName, programType: forced))
    } catch {
      call.out.errorLine(error.headline)
      for line in error.details { call.out.errorLine(line) }
      throw ShellError.alreadyReported
    }
    guard let firstID = object.programIDs.first, let first = core.programs[firstID] else { return }
    let type = first.programType
    var interfaceIndex: UInt32 = 0
    if let interface = call.args["interface"] {
      guard type.supportsInterface else {
        call.out.errorLine("Interface parameter is not allowed for program types that don't support interfaces.")
        core.close(object)
        throw ShellError.alreadyReported
      }
      guard let index = interfaceIndexOf(interface) else {
        call.out.errorLine("Interface parameter is invalid.")
        core.close(object)
        throw ShellError.alreadyReported
      }
      interfaceIndex = index
    }
    var compartment: UInt32 = 0
    if let text = call.args["compartment"] {
      guard type.supportsCompartment else {
        call.out.errorLine("Compartment parameter is not allowed for program types that don't support compartments.")
        core.close(object)
        throw ShellError.alreadyReported
      }
      // _wtoi: leading digits, anything else is 0.
      let digits = text.prefix { $0.isASCII && $0.isNumber }
      guard let value = UInt32(digits), value != 0 else {
        call.out.errorLine("Compartment parameter is invalid.")
        core.close(object)
        throw ShellError.alreadyReported
      }
      compartment = value
    }
    do {
      _ = try core.attach(programID: firstID, interfaceIndex: interfaceIndex, compartmentID: compartment)
    } catch {
      call.out.errorLine("error \(error.rawValue): could not attach program")
      core.close(object)
      throw ShellError.alreadyReported
    }
    let pinned = call.args["pinned"] ?? "first"
    if pinned != "none" {
      let root = call.args["pinpath"].flatMap { $0.isEmpty ? nil : $0 }
      let targets: [(UInt32, String)] =
        pinned == "first"
        ? [(firstID, root ?? first.name)]
        : object.programIDs.compactMap { id in
          core.programs[id].map { (id, PinPath.programPinName(root: root ?? first.name, section: $0.sectionName)) }
        }
      for (id, path) in targets {
        do {
          try core.pin(id, at: path)
        } catch {
          call.out.errorLine("error \(error.errno): could not pin to \(path)")
          throw ShellError.alreadyReported
        }
      }
    }
    call.out.line("Loaded with ID \(firstID)")
  }

  /// `parse_if_index`: a decimal index above 0, or an interface alias or name ntsh's machine has.
  static func interfaceIndexOf(_ text: String) -> UInt32? {
    if let n = UInt32(text) { return n > 0 ? n : nil }
    return MachineInterfaces.all.first {
      $0.alias.lowercased() == text.lowercased() || $0.name.lowercased() == text.lowercased()
    }?.index
  }

  // MARK: delete program

  static func delete(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["delete", "program"], "Deletes an eBPF program.",
      tags: [TagSpec("id", .text(placeholder: "id"), .required, help: "The program's id.", complete: programIDs(world))],
      remarks: [
        "Unpins the program from every path, detaches its first link and closes the file it was loaded from: "
          + "programs and maps of that file that nothing else holds (a pin, a link) go too.",
        idRemark,
      ],
      examples: ["delete program 3"]
    ) { call in
      let core = try world.core()
      let id = wtoi(call.args["id"] ?? "")
      guard let program = core.programs[id] else {
        call.out.line("Program not found")
        throw ShellError.alreadyReported
      }
      let paths = program.pinPaths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      for path in paths {
        do throws(EBPFResult) {
          try core.unpin(path: path)
          call.out.line("Unpinned \(id) from \(path)")
        } catch {
          call.out.line("Error \(error.rawValue) unpinning \(id) from \(path)")
        }
      }
      if let link = program.linkIDs.first { try? core.detach(linkID: link) }
      if let object = core.loadedObject(containingProgram: id) { core.close(object) }
    }
  }

  // MARK: set program

  static func set(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["set", "program"], "Updates an eBPF program.",
      tags: [
        TagSpec("id", .text(placeholder: "id"), .required, help: "The program's id.", complete: programIDs(world)),
        TagSpec(
          "attached", .text(placeholder: "type"),
          help: "Attach to this hook (a section name such as bind); empty (attached=\"\") detaches."),
        TagSpec(
          "pinpath", .text(placeholder: "path"),
          help: "Pin at this path; empty (pinpath=\"\") unpins everywhere and detaches."),
        TagSpec("interface", .text(placeholder: "interface"), help: "The interface for an XDP attachment."),
      ],
      remarks: [idRemark],
      examples: ["set program 3 attached=bind", "set program 3 attached=\"\"", "set program 3 pinpath=tracer"]
    ) { call in
      guard call.args.values.count <= 3 else { throw ShellError.invalidSyntax }
      let core = try world.core()
      let id = wtoi(call.args["id"] ?? "")
      if let attached = call.args["attached"] {
        if attached.isEmpty {
          guard let link = core.programs[id]?.linkIDs.first else {
            call.out.errorLine("error 1168: could not detach program")
            throw ShellError.alreadyReported
          }
          try? core.detach(linkID: link)
        } else {
          guard let attach = SectionResolver.attachType(forSection: attached) else { throw ShellError.invalidSyntax }
          // netsh's _ebpf_program_attach_by_id: no program with that id is EBPF_INVALID_ARGUMENT.
          guard core.programs[id] != nil else {
            call.out.errorLine("error \(EBPFResult.invalidArgument.rawValue): could not attach program")
            throw ShellError.alreadyReported
          }
          var interfaceIndex: UInt32 = 0
          if let interface = call.args["interface"] {
            guard let i = interfaceIndexOf(interface) else {
              call.out.errorLine("Interface parameter is invalid.")
              throw ShellError.alreadyReported
            }
            interfaceIndex = i
          }
          do throws(EBPFResult) {
            _ = try core.attach(programID: id, attachType: attach, interfaceIndex: interfaceIndex)
          } catch {
            call.out.errorLine("error \(error.rawValue): could not attach program")
            throw ShellError.alreadyReported
          }
        }
      }
      if let path = call.args["pinpath"] {
        if path.isEmpty {
          guard let program = core.programs[id] else {
            call.out.errorLine("Program not found.")
            throw ShellError.alreadyReported
          }
          for p in program.pinPaths.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            try? core.unpin(path: p)
            call.out.line("Unpinned \(id) from \(p)")
          }
          for link in program.linkIDs { try? core.detach(linkID: link) }
          return
        }
        guard core.programs[id] != nil else {
          call.out.errorLine("Program not found.")
          throw ShellError.alreadyReported
        }
        do throws(EBPFResult) {
          try core.pin(id, at: path)
        } catch {
          call.out.errorLine("error \(error.rawValue): could not pin program")
          throw ShellError.alreadyReported
        }
      }
      call.out.ok()
    }
  }

  // MARK: pin / unpin

  static func pin(_ world: EbpfWorld, map: Bool) -> CommandSpec {
    let noun = map ? "map" : "program"
    return CommandSpec(
      ["pin", noun], map ? "Pins an eBPF map." : "Pin program.",
      tags: [
        TagSpec(
          "id", .text(placeholder: "id"), .required, help: "The \(noun)'s id (decimal or 0x hex).",
          complete: map ? mapIDs(world) : programIDs(world)),
        TagSpec("pinpath", .text(placeholder: "path"), help: "The pin path; by default the \(noun)'s name."),
      ],
      examples: ["pin \(noun) 2", "pin \(noun) 2 pinpath=/ebpf/global/\(map ? "proc_map" : "tracer")"]
    ) { call in
      let core = try world.core()
      let (id, path) = try pinTarget(call, core, map: map)
      do throws(EBPFResult) {
        try core.pin(id, at: path)
      } catch {
        throw ShellError.failed(pinFailure(error, path: path))
      }
    }
  }

  static func unpin(_ world: EbpfWorld, map: Bool) -> CommandSpec {
    let noun = map ? "map" : "program"
    return CommandSpec(
      ["unpin", noun], map ? "Unpin map." : "Unpin program.",
      tags: [
        TagSpec(
          "id", .text(placeholder: "id"), .required, help: "The \(noun)'s id (decimal or 0x hex).",
          complete: map ? mapIDs(world) : programIDs(world)),
        TagSpec(
          "pinpath", .text(placeholder: "path"), help: "The pin path to remove; by default the \(noun)'s name.",
          complete: pinPaths(world)),
      ],
      examples: ["unpin \(noun) 2", "unpin \(noun) 2 pinpath=BPF:\\\(map ? "proc_map" : "tracer")"]
    ) { call in
      let core = try world.core()
      let (id, path) = try pinTarget(call, core, map: map)
      // netsh checks the id, then calls ebpf_object_unpin(path): whatever is pinned there goes.
      do throws(EBPFResult) {
        try core.unpin(path: path)
      } catch {
        throw ShellError.failed(pinFailure(error, path: path))
      }
    }
  }

  /// The object id and pin path of a pin or unpin: netsh's invalid parameter for an unknown id; the
  /// path defaults to the object's name.
  static func pinTarget(_ call: CommandCall, _ core: EbpfCore, map: Bool) throws -> (UInt32, String) {
    guard let id = call.args["id"].flatMap(parseID), let name = map ? core.maps[id]?.name : core.programs[id]?.name
    else {
      throw Netsh.invalidParameter
    }
    return (id, call.args["pinpath"].flatMap { $0.isEmpty ? nil : $0 } ?? name)
  }

  /// What a failed pin or unpin means (netsh returns the raw status; ntsh says it in words).
  static func pinFailure(_ error: EBPFResult, path: String) -> String {
    switch error {
    case .alreadyPinned:
      return "The pin path \(PinPath.canonicalOrNil(path) ?? path) is already in use (\(error.name))."
    case .objectNotFound:
      return "Nothing is pinned at \(PinPath.canonicalOrNil(path) ?? path) (\(error.name))."
    case .insufficientBuffer:
      return "The pin path is longer than \(PinPath.maximumLength - 1) characters (\(error.name))."
    case .invalidArgument:
      return
        "'\(path)' is not a valid pin path: a ':' may only follow BPF, and '..' may not leave the root (\(error.name))."
    default: return "The pin operation failed (\(error.name))."
    }
  }

  static let idRemark =
    "The id is read as netsh reads it (_wtoi): leading decimal digits, so 0x5 and abc are id 0 and name no program."

  /// MSVC's `_wtoi` as netsh's delete and set program read an id: leading spaces, a sign, then
  /// decimal digits up to the first other character (none: 0); out of `int` range it is INT_MAX or
  /// INT_MIN; the result is then cast to a 32-bit id.
  static func wtoi(_ text: String) -> UInt32 {
    var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
    var negative = false
    if let sign = rest.first, sign == "+" || sign == "-" {
      negative = sign == "-"
      rest = rest.dropFirst()
    }
    var value: Int64 = 0
    for c in rest {
      guard let digit = c.wholeNumberValue, c.isASCII else { break }
      value = min(value &* 10 &+ Int64(digit), Int64(Int32.max) + 1)
    }
    let signed = negative ? max(-value, Int64(Int32.min)) : min(value, Int64(Int32.max))
    return UInt32(truncatingIfNeeded: signed)
  }

  /// `wcstoul(…, 0)`: decimal, `0x` hex or `0` octal.
  static func parseID(_ text: String) -> UInt32? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt32(text.dropFirst(2), radix: 16) }
    if text.count > 1, text.hasPrefix("0") { return UInt32(text.dropFirst(), radix: 8) }
    return UInt32(text)
  }
}

/// The machine's network interfaces, for XDP's `interface=` (index, alias or name).
enum MachineInterfaces {
  struct Interface {
    let index: UInt32
    let alias: String
    let name: String
  }

  static let all = [
    Interface(index: 1, alias: "Loopback Pseudo-Interface 1", name: "loopback_0"),
    Interface(index: 4, alias: "Ethernet", name: "ethernet_32768"),
  ]
}

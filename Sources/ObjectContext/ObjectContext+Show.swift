import Kernel
import NTAPI
import NTCore
import Shell

extension ObjectContext {
  static func showCommands(_ world: ObjectWorld) -> [CommandSpec] {
    [
      CommandSpec(
        ["show", "directory"], "Lists a directory of the object namespace, as WinObj does.",
        tags: [
          TagSpec("path", .text(placeholder: "path"), help: "An object-manager path.", default: "\\"),
          TagSpec("type", .text(placeholder: "type"), help: "Only objects of this type."),
        ],
        remarks: [
          "Opens the directory with DIRECTORY_QUERY as the acting process and lists it by name; symbolic links show their targets.",
          "Directories the acting process may not query fail with STATUS_ACCESS_DENIED, as WinObj run without elevation does.",
        ],
        examples: ["show directory \\Sessions\\1\\BaseNamedObjects", "show directory \\ObjectTypes type=Type"]
      ) { call in try showDirectory(world, call) },
      CommandSpec(
        ["show", "types"], "Lists the object types with their statistics, as Object Explorer does.",
        tags: [TagSpec("sort", .choice(["index", "name", "objects", "handles"]), help: "Order of the rows.", default: "index")],
        remarks: ["Objects and Handles are the live counts; Peak columns are the high-water marks since boot."],
        examples: ["show types", "show types sort=objects"]
      ) { call in try showTypes(world, call) },
      CommandSpec(
        ["show", "type"], "Shows one object type: access rights, generic mapping, pool type, flags.",
        tags: [TagSpec("name", .text(placeholder: "type"), .required, help: "The type name (Event, Job, Process…).", complete: completeTypes(world))],
        examples: ["show type Event"]
      ) { call in try showType(world, call) },
      CommandSpec(
        ["show", "object"], "Shows an object's header by name or address, as !object does.",
        tags: [
          TagSpec("name", .text(placeholder: "path"), help: "The object's path (a link itself is shown, not followed)."),
          TagSpec("address", .text(placeholder: "address"), help: "The object's (body) address, also once its name is gone."),
        ],
        remarks: [
          "Reads the kernel through the local kernel debugger, which needs SeDebugPrivilege (an elevated administrator has it).",
          "PointerCount is the raw count, including the references each handle caches; RealPointerCount subtracts them (!trueref).",
        ],
        examples: ["show object \\Sessions\\1\\BaseNamedObjects\\MyTestJob", "show object address=ffffad8d14503080"]
      ) { call in try showObject(world, call) },
      CommandSpec(
        ["show", "security"], "Shows an object's security descriptor.",
        tags: [
          TagSpec("name", .text(placeholder: "path"), help: "The object's path (opened with READ_CONTROL)."),
          TagSpec("handle", .text(placeholder: "handle"), help: "A handle with READ_CONTROL."),
        ],
        examples: ["show security \\BaseNamedObjects", "show security handle=0x10"]
      ) { call in try showSecurity(world, call) },
      CommandSpec(
        ["show", "handles"], "Lists a process's handles, as Process Explorer's handle view does.",
        tags: [
          TagSpec("pid", .integer, help: "The process (default: the acting process).", complete: completePids(world)),
          TagSpec("type", .text(placeholder: "type"), help: "Only handles to objects of this type."),
          TagSpec("unnamed", .choice(["yes", "no"]), help: "Include handles to unnamed objects.", default: "no"),
        ],
        examples: ["show handles", "show handles unnamed=yes", "show handles pid=4 type=Directory"]
      ) { call in try showHandles(world, call) },
      CommandSpec(
        ["show", "handle"], "Shows one handle of the acting process: object, counts, access and attributes.",
        tags: [TagSpec("handle", .text(placeholder: "handle"), .required, help: "The handle value.")]
      ) { call in try showHandle(world, call) },
      CommandSpec(["show", "processes"], "Lists the processes; * marks the acting process.") { call in
        try showProcesses(world, call)
      },
      CommandSpec(
        ["show", "process"], "Shows a process: image, session, token, job and threads.",
        tags: [TagSpec("pid", .integer, help: "The process (default: the acting process).", complete: completePids(world))]
      ) { call in try showProcess(world, call) },
      CommandSpec(
        ["show", "token"], "Shows a process's token: user, groups, privileges, integrity.",
        tags: [TagSpec("pid", .integer, help: "The process (default: the acting process).", complete: completePids(world))]
      ) { call in try showToken(world, call) },
      CommandSpec(
        ["show", "job"], "Lists the processes in a job.",
        tags: [TagSpec("handle", .text(placeholder: "handle"), .required, help: "A job handle with JOB_OBJECT_QUERY.")]
      ) { call in try showJob(world, call) },
      CommandSpec(
        ["show", "pool"], "Shows pool usage by tag, as PoolMon does.",
        tags: [
          TagSpec("tag", .text(placeholder: "tag"), help: "Only tags starting with this text (Even, Obtb…)."),
          TagSpec("sort", .choice(["tag", "bytes", "allocs"]), help: "Order of the rows.", default: "tag"),
        ],
        remarks: ["Allocs and Frees count since boot; Diff is outstanding allocations; Bytes includes the pool headers."]
      ) { call in try showPool(world, call) },
      CommandSpec(["show", "clock"], "Shows the virtual clock: time since boot and system time.") { call in
        let k = try world.kernel()
        call.out.line("Up time:      \(Format.seconds(k.dispatcher.interruptTime))")
        call.out.line("Tick count:   \(k.dispatcher.tickCount) ms")
        call.out.line("System time:  \(SystemTime.format(k.dispatcher.systemTime)) UTC")
        let pending = k.dispatcher.nextDue().map { Format.seconds($0 - k.dispatcher.interruptTime) + " from now" } ?? "none"
        call.out.line("Next timer:   \(pending)")
      },
    ]
  }

  static func showDirectory(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let path = call.args["path"] ?? "\\"
    guard path.hasPrefix("\\") else { throw ObjectFailure.message("Directory paths start with \\ (for example \\BaseNamedObjects).") }
    var h = Handle.null
    try native("NtOpenDirectoryObject", api.nt.call { $0.NtOpenDirectoryObject(&h, AccessMask(0x3), ObjectAttributes(path, attributes: .caseInsensitive)) })
    defer { _ = api.nt.NtClose(h) }
    var entries: [DirectoryEntryInformation] = []
    try native("NtQueryDirectoryObject", api.nt.call { $0.NtQueryDirectoryObject(h, &entries) })
    if let t = call.args["type"] { entries = entries.filter { $0.typeName.lowercased() == t.lowercased() } }
    entries.sort { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
    call.out.line("Directory \(path)")
    if entries.isEmpty {
      call.out.line("No objects.")
      return
    }
    var rows: [[String]] = []
    for e in entries {
      var target = ""
      if e.typeName == "SymbolicLink" {
        var lh = Handle.null
        let s = api.nt.call { $0.NtOpenSymbolicLinkObject(&lh, AccessMask(0x1), ObjectAttributes(e.name, attributes: .caseInsensitive, root: h)) }
        if s.isSuccess {
          var t = ""
          _ = api.nt.call { $0.NtQuerySymbolicLinkObject(lh, &t) }
          target = t.isEmpty ? "(dynamic)" : t
          _ = api.nt.NtClose(lh)
        } else {
          target = "(\(s.name ?? s.hex))"
        }
      }
      rows.append([e.name.visible, e.typeName, target.visible])
    }
    let hasLinks = rows.contains { !$0[2].isEmpty }
    let header = hasLinks ? ["Name", "Type", "Symbolic link target"] : ["Name", "Type"]
    for l in Format.table(header, hasLinks ? rows : rows.map { Array($0.prefix(2)) }) { call.out.line(l) }
    call.out.line("\(entries.count) object\(entries.count == 1 ? "" : "s").")
  }

  static func showTypes(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    var types = api.nt.call { $0.NtQueryObjectTypes() }
    switch call.args["sort"] {
    case "name": types.sort { $0.name.lowercased() < $1.name.lowercased() }
    case "objects": types.sort { ($0.totalObjects, $1.index) > ($1.totalObjects, $0.index) }
    case "handles": types.sort { ($0.totalHandles, $1.index) > ($1.totalHandles, $0.index) }
    default: break
    }
    let rows = types.map {
      [String($0.index), $0.name, String($0.totalObjects), String($0.totalHandles), String($0.highWaterObjects),
       String($0.highWaterHandles), $0.poolType.name, "0x" + Format.hex8($0.validAccessMask.rawValue).uppercased()]
    }
    for l in Format.table(["Index", "Name", "Objects", "Handles", "Peak Objects", "Peak Handles", "Pool Type", "Valid Access"],
                          rows, right: [0, 2, 3, 4, 5]) {
      call.out.line(l)
    }
    call.out.line("\(types.count) types, \(types.reduce(0) { $0 + Int($1.totalObjects) }) objects, \(types.reduce(0) { $0 + Int($1.totalHandles) }) handles.")
  }

  static func showType(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let wanted = call.args["name"] ?? ""
    let types = api.nt.call { $0.NtQueryObjectTypes() }
    guard let t = types.first(where: { $0.name.lowercased() == wanted.lowercased() }) else {
      throw ObjectFailure.message(
        "No object type is named '\(wanted.visible)' (`show types` lists the \(types.count) types).")
    }
    let type = api.kernel.ob.type(named: t.name)
    let m = t.genericMapping
    let lines = [
      "Type:                \(t.name)",
      "Index:               \(t.index)",
      "Type object:         \(KdFormat.plain(t.objectAddress))",
      "Pool tag:            \(t.key)",
      "Objects:             \(t.totalObjects) (peak \(t.highWaterObjects))",
      "Handles:             \(t.totalHandles) (peak \(t.highWaterHandles))",
      "Pool type:           \(t.poolType.name)",
      "Default charges:     paged \(t.defaultPagedPoolCharge), non-paged \(t.defaultNonPagedPoolCharge)",
      "Valid access:        \(Format.access(t.validAccessMask, type: type))",
      "Generic read:        \(Format.access(m.read, type: type))",
      "Generic write:       \(Format.access(m.write, type: type))",
      "Generic execute:     \(Format.access(m.execute, type: type))",
      "Generic all:         \(Format.access(m.all, type: type))",
      "Invalid attributes:  0x\(String(t.invalidAttributes.rawValue, radix: 16, uppercase: true))"
        + (t.invalidAttributes.names.isEmpty ? "" : " (" + t.invalidAttributes.names.joined(separator: " ") + ")"),
      "Flags:               " + (t.flags.isEmpty ? "none" : t.flags.joined(separator: " ")),
    ]
    for l in lines { call.out.line(l) }
  }

  static func showObject(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let dbg = try debugger(api)
    let view: ObjectView
    if let a = call.args["address"] {
      let address = try Parse.address(a)
      guard let v = dbg.object(at: address) else {
        throw ObjectFailure.message("\(KdFormat.plain(address)): not a valid object (no live object has its body or header there).")
      }
      view = v
    } else if let name = call.args["name"] {
      switch dbg.object(named: name, openLink: true) {
      case .failure(let s): throw ObjectFailure.native("ObReferenceObjectByName", s)
      case .success(let v): view = v
      }
    } else {
      throw ShellError.missingRequired
    }
    for l in ObjectViewText.lines(view) { call.out.line(l) }
  }

  static func showSecurity(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    var h: Handle
    var close = false
    if let text = call.args["handle"] {
      h = try Parse.handle(text)
    } else if let name = call.args["name"] {
      h = .null
      try native("NtOpenObject", api.nt.call {
        $0.NtOpenObject(&h, nil, .readControl, ObjectAttributes(name, attributes: [.caseInsensitive, .openLink]))
      })
      close = true
    } else {
      throw ShellError.missingRequired
    }
    defer { if close { _ = api.nt.NtClose(h) } }
    var sd: SecurityDescriptor?
    try native("NtQuerySecurityObject", api.nt.call { $0.NtQuerySecurityObject(h, &sd) })
    var info: ObjectBasicInformation?
    _ = api.nt.call { $0.NtQueryObject(h, &info) }
    let type = info.flatMap { api.kernel.ob.type(named: $0.typeName) }
    guard let sd else {
      call.out.line("The object has no security descriptor: anyone with a handle may use it.")
      return
    }
    for l in SecurityText.lines(sd, type: type, kernel: api.kernel) { call.out.line(l) }
  }

  static func showHandles(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let pid = try call.args.integer("pid").map { v -> UInt32 in
      guard v >= 0, v <= Int64(UInt32.max) else { throw ObjectFailure.message("'\(v)' is not a process id.") }
      return UInt32(v)
    } ?? api.process.pid
    guard let p = api.kernel.process(pid: pid) else { throw ObjectFailure.native("NtOpenProcess", .invalidCID) }
    var handles = api.nt.call { $0.NtQuerySystemHandles(pid: pid) }
    let total = handles.count
    if let t = call.args["type"] { handles = handles.filter { $0.typeName.lowercased() == t.lowercased() } }
    let unnamed = Parse.flag(call.args["unnamed"])
    if !unnamed { handles = handles.filter { !$0.name.isEmpty } }
    call.out.line("Handles of \(p.imageName) (pid \(p.pid)): \(total) in all, \(handles.count) shown"
      + (unnamed ? "" : " (unnamed=yes shows unnamed objects)") + ".")
    guard !handles.isEmpty else { return }
    let rows = handles.map { h -> [String] in
      var attrs: [String] = []
      if h.attributes.contains(.inherit) { attrs.append("Inherit") }
      if h.attributes.contains(.protectClose) { attrs.append("Protect") }
      return [Format.handle(h.handle), h.typeName, "0x" + Format.hex8(h.grantedAccess.rawValue).uppercased(),
              attrs.joined(separator: ","), KdFormat.plain(h.objectAddress), h.name.visible]
    }
    for l in Format.table(["Handle", "Type", "Access", "Attributes", "Object", "Name"], rows) { call.out.line(l) }
  }

  static func showHandle(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let h = try Parse.handle(call.args["handle"])
    var info: ObjectBasicInformation?
    try native("NtQueryObject", api.nt.call { $0.NtQueryObject(h, &info) })
    guard let info else { return }
    let entry = api.nt.call { $0.NtQuerySystemHandle(pid: api.process.pid, handle: h) }
    let type = api.kernel.ob.type(named: info.typeName)
    var attrs: [String] = []
    if info.attributes.contains(.inherit) { attrs.append("Inherit") }
    if info.attributes.contains(.protectClose) { attrs.append("Protect from close") }
    call.out.line("Handle:          \(Format.handle(h)) in \(api.process.imageName) (pid \(api.process.pid))")
    call.out.line("Type:            \(info.typeName)")
    call.out.line("Name:            \(info.name.isEmpty ? "(unnamed)" : info.name.visible)")
    if let e = entry {
      call.out.line("Object:          \(KdFormat.plain(e.objectAddress))")
      call.out.line("Entry:           \(KdFormat.plain(e.entryAddress))")
    }
    call.out.line("Granted access:  \(Format.access(info.grantedAccess, type: type))")
    call.out.line("Attributes:      \(attrs.isEmpty ? "none" : attrs.joined(separator: ", "))")
    call.out.line("Handles:         \(info.handleCount)")
    call.out.line("References:      \(info.pointerCount)")
  }

  static func showProcesses(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let acting = api.process.pid
    let rows = api.nt.call { $0.NtQuerySystemProcesses() }.map { p -> [String] in
      [p.pid == acting ? "*" : "", String(p.pid), String(p.parentPid), p.sessionId.map(String.init) ?? "none",
       String(p.threads.filter { $0.state != .terminated }.count), String(p.handleCount), p.integrity, p.userName,
       p.imageName + (p.exitStatus.map { " (exited, 0x" + String($0, radix: 16) + ")" } ?? "")]
    }
    for l in Format.table([" ", "PID", "PPID", "Session", "Threads", "Handles", "Integrity", "User", "Image"], rows,
                          right: [1, 2, 4, 5]) {
      call.out.line(l)
    }
  }

  static func process(_ world: ObjectWorld, _ call: CommandCall, _ api: Win32) throws -> ProcessInformation {
    let pid = try call.args.integer("pid").map { v -> UInt32 in
      guard v >= 0, v <= Int64(UInt32.max) else { throw ObjectFailure.message("'\(v)' is not a process id.") }
      return UInt32(v)
    } ?? api.process.pid
    guard let p = api.nt.call({ $0.NtQuerySystemProcesses() }).first(where: { $0.pid == pid }) else {
      throw ObjectFailure.native("NtOpenProcess", .invalidCID)
    }
    return p
  }

  static func showProcess(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let p = try process(world, call, api)
    let k = api.kernel
    call.out.line("Image:         \(p.imageName)")
    call.out.line("Command line:  \(p.commandLine.isEmpty ? "(none)" : p.commandLine)")
    call.out.line("PID:           \(p.pid) (0x\(String(p.pid, radix: 16)))   Parent: \(p.parentPid)   Session: \(p.sessionId.map(String.init) ?? "none")")
    call.out.line("User:          \(p.userName)   Integrity: \(p.integrity)\(p.elevated ? "   Elevated" : "")")
    call.out.line("Object:        \(KdFormat.plain(p.objectAddress))")
    call.out.line("Started:       \(Format.seconds(p.createTime)) after boot")
    call.out.line("Handles:       \(p.handleCount)")
    call.out.line("Job:           \(p.jobAddress.map(KdFormat.plain) ?? "none")")
    if let e = p.exitStatus { call.out.line("Exit status:   0x\(Format.hex8(e))") }
    let rows = p.threads.map { t -> [String] in
      let thread = k.thread(tid: t.tid)
      var state = "\(t.state)"
      if t.state == .waiting {
        state = (thread?.isDelaying ?? false) ? "Sleeping" : "Waiting (\(t.waitReason.name))"
      }
      return [String(t.tid), String(t.priority), String(t.basePriority), state, t.startSymbol]
    }
    call.out.line("Threads:       \(p.threads.count)")
    for l in Format.table(["TID", "Priority", "Base", "State", "Start"], rows, right: [0, 1, 2]) { call.out.line("  " + l) }
  }

  static func showToken(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let info = try process(world, call, api)
    guard let p = api.kernel.process(pid: info.pid) else { return }
    let t = p.token
    let k = api.kernel
    call.out.line("Token of \(p.imageName) (pid \(p.pid))")
    call.out.line("User:           \(Format.sid(t.user, kernel: k))")
    call.out.line("Logon id:       0x\(String(t.authenticationId, radix: 16))   Session: \(t.sessionId)")
    call.out.line("Integrity:      \(IntegrityNames.name(t.integrityLevel)) (\(t.integrityLevel))")
    call.out.line("Elevation:      \(t.elevationType)")
    call.out.line("Owner:          \(Format.sid(t.defaultOwner, kernel: k))")
    call.out.line("Groups:")
    for g in t.groups where g.attributes & Token.Group.integrity == 0 {
      var attrs: [String] = []
      if g.attributes & Token.Group.denyOnly != 0 { attrs.append("Deny only") }
      else if g.attributes & Token.Group.enabled != 0 { attrs.append("Enabled") }
      if g.attributes & Token.Group.owner != 0 { attrs.append("Owner") }
      if g.attributes & Token.Group.logonId == Token.Group.logonId { attrs.append("Logon id") }
      call.out.line("  \(Format.pad(Format.sid(g.sid, kernel: k), 60)) \(attrs.joined(separator: ", "))")
    }
    call.out.line("Privileges:")
    for pr in t.privileges {
      call.out.line("  \(Format.pad(String(pr.privilege.rawValue), 3, right: true)) \(Format.pad(pr.privilege.name, 42)) \(pr.enabled ? "Enabled" : "Disabled")")
    }
  }

  static func showJob(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let h = try Parse.handle(call.args["handle"])
    var pids: [UInt32] = []
    try native("NtQueryInformationJobObject", api.nt.call { $0.NtQueryJobProcesses(h, &pids) })
    call.out.line(pids.isEmpty ? "The job has no active processes." : "Active processes: \(pids.count)")
    for pid in pids {
      call.out.line("  \(pid)  \(api.kernel.process(pid: pid)?.imageName ?? "?")")
    }
  }

  static func showPool(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try world.api()
    let dbg = try debugger(api)
    var rows = dbg.poolUsage
    if let prefix = call.args["tag"] { rows = rows.filter { $0.tag.description.lowercased().hasPrefix(prefix.lowercased()) } }
    switch call.args["sort"] {
    case "bytes": rows.sort { ($0.bytes, $1.tag) > ($1.bytes, $0.tag) }
    case "allocs": rows.sort { ($0.allocs, $1.tag) > ($1.allocs, $0.tag) }
    default: break
    }
    let table = rows.map {
      [$0.tag.description, $0.paged ? "Paged" : "Nonp", String($0.allocs), String($0.frees), String($0.diff),
       String($0.bytes), $0.diff > 0 ? String($0.bytes / $0.diff) : "0"]
    }
    for l in Format.table(["Tag", "Type", "Allocs", "Frees", "Diff", "Bytes", "Per Alloc"], table, right: [2, 3, 4, 5, 6]) {
      call.out.line(l)
    }
  }
}

/// FILETIME formatting.
enum SystemTime {
  /// `2024-09-02 09:00:12.450`; total over Int64 (times before 1601 come out proleptic Gregorian).
  static func format(_ filetime: Int64) -> String {
    // Floor division throughout, so negative times format instead of producing negative fields.
    func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-(a + 1)) / b) - 1 }
    let ms = floorDiv(filetime, 10_000)
    var seconds = floorDiv(ms, 1000) - 11_644_473_600
    let millis = Int(ms - floorDiv(ms, 1000) * 1000)
    var days = floorDiv(seconds, 86_400)
    seconds -= days * 86_400
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    days += 719_468
    let era = floorDiv(days, 146_097)
    let doe = days - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    var y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    if m <= 2 { y += 1 }
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let frac = String(millis)
    return "\(y)-\(two(m))-\(two(d)) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
  }
}

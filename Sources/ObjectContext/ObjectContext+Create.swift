import Kernel
import NTAPI
import NTCore
import Shell

extension ObjectContext {
  /// Tags every create command shares.
  static func nameTags(required: Bool = false) -> [TagSpec] {
    [
      TagSpec("name", .text(placeholder: "name"), required ? .required : .optional,
              help: "A Win32 name (relative to the session's BaseNamedObjects; Global\\ and Local\\ work) or an NT path starting with \\."),
    ]
  }

  static var commonCreateTags: [TagSpec] { [
    TagSpec("inherit", .choice(["yes", "no"]), help: "Whether child processes inherit the handle.", default: "no"),
    TagSpec("sd", .text(placeholder: "sddl"), help: "Security descriptor in SDDL, e.g. D:(A;;GA;;;SY)(A;;GR;;;WD)."),
    TagSpec("openif", .choice(["yes", "no"]), help: "Open an existing object of the same name and type (OBJ_OPENIF).", default: "yes"),
    TagSpec("permanent", .choice(["yes", "no"]), help: "Create it permanent (OBJ_PERMANENT; needs SeCreatePermanentPrivilege).", default: "no"),
    TagSpec("case", .choice(["sensitive", "insensitive"]), help: "Name comparison (OBJ_CASE_INSENSITIVE).", default: "sensitive"),
  ] }

  static let createRemarks = [
    "A name without a leading \\ is a Win32 name, resolved in the session's named-object directory as kernel32 does; "
      + "with openif=yes (as every Win32 Create function) an existing object of the same name and type is opened "
      + "and the result says ERROR_ALREADY_EXISTS. Other options (permanent=yes, openif=no, case=insensitive, an NT path) "
      + "use the native call directly.",
    "Errors: a name of another type gives STATUS_OBJECT_TYPE_MISMATCH (Win32 error 6); a missing directory on the way "
      + "STATUS_OBJECT_PATH_NOT_FOUND (3); a backslash in a Win32 name is a path separator; permanent=yes from user mode "
      + "without SeCreatePermanentPrivilege gives STATUS_PRIVILEGE_NOT_HELD (1314).",
  ]

  /// How a create call was asked for.
  struct CreateRequest {
    let name: String?
    let sa: Win32.SecurityAttributes
    let native: Bool
    let attributes: ObjectAttributes?
  }

  static func createRequest(_ call: CommandCall, _ api: Win32, nativeOnly: Bool = false) throws -> CreateRequest {
    let name = call.args["name"].flatMap { $0.isEmpty ? nil : $0 }
    var sd: SecurityDescriptor?
    if let text = call.args["sd"] {
      do { sd = try SDDL.parse(text) } catch { throw ObjectFailure.message("sd: \(error)") }
    }
    let sa = Win32.SecurityAttributes(securityDescriptor: sd, inheritHandle: Parse.flag(call.args["inherit"]))
    let openif = call.args["openif"] != "no"
    let permanent = Parse.flag(call.args["permanent"])
    let insensitive = call.args["case"] == "insensitive"
    let native = nativeOnly || name?.hasPrefix("\\") == true || !openif || permanent || insensitive
    var flags: ObjectAttributeFlags = []
    if openif { flags.insert(.openIf) }
    if permanent { flags.insert(.permanent) }
    if insensitive { flags.insert(.caseInsensitive) }
    if sa.inheritHandle { flags.insert(.inherit) }
    var attrs = ObjectAttributes(name, attributes: flags, securityDescriptor: sd)
    if let name, !name.hasPrefix("\\") { attrs.rootDirectory = api.process.namedObjectDirectory }
    return CreateRequest(name: name, sa: sa, native: native, attributes: attrs)
  }

  /// Prints what a create or open produced.
  static func report(_ verb: String, _ typeName: String, _ h: Handle, existed: Bool, via: String, api: Win32, _ out: Output) {
    // The system handle list gives the name without referencing the object through the handle
    // (which would use one of the handle's cached references and change PointerCount).
    let entry = api.nt.call { $0.NtQuerySystemHandle(pid: api.process.pid, handle: h) }
    let name = (entry?.name).flatMap { $0.isEmpty ? nil : $0.visible } ?? "(unnamed)"
    if existed {
      out.line("Opened the existing \(typeName) \(name): handle \(Format.handle(h)) (\(via)).")
    } else {
      out.line("\(verb) \(typeName) \(name): handle \(Format.handle(h)).")
    }
  }

  static func createCommands(_ world: ObjectWorld) -> [CommandSpec] {
    func create(
      _ noun: String, _ summary: String, typeName: String, extra: [TagSpec], nativeOnly: Bool = false,
      examples: [String],
      win32: @escaping (Win32, CommandCall, CreateRequest) throws -> Handle?,
      native: @escaping (SystemServices, CommandCall, ObjectAttributes?, inout Handle) throws -> NTStatus,
      nativeName: String, win32Name: String
    ) -> CommandSpec {
      CommandSpec(
        ["create", noun], summary, tags: nameTags(required: nativeOnly) + extra + commonCreateTags, remarks: createRemarks,
        examples: examples
      ) { call in
        let api = try world.api()
        let r = try createRequest(call, api, nativeOnly: nativeOnly)
        if r.native {
          var h = Handle.null
          var thrown: Error?
          let s = api.nt.call { sv -> NTStatus in
            do { return try native(sv, call, r.attributes, &h) } catch { thrown = error; return .invalidParameter }
          }
          if let thrown { throw thrown }
          try ObjectContext.native(nativeName, s)
          report("Created", typeName, h, existed: s == .objectNameExists, via: "STATUS_OBJECT_NAME_EXISTS", api: api, call.out)
        } else {
          let h = try ObjectContext.win32(win32Name, api, try win32(api, call, r))
          report("Created", typeName, h, existed: api.lastError == .alreadyExists, via: "ERROR_ALREADY_EXISTS", api: api, call.out)
        }
      }
    }
    return [
      create(
        "event", "Creates an event (CreateEvent / NtCreateEvent).", typeName: "Event",
        extra: [
          TagSpec("type", .choice(["notification", "synchronization"]), help: "Manual-reset (notification) or auto-reset.", default: "notification"),
          TagSpec("state", .choice(["set", "reset"]), help: "Initial state.", default: "reset"),
        ],
        examples: ["create event name=MyEvent", "create event \\BaseNamedObjects\\Ev type=synchronization state=set"],
        win32: { api, call, r in
          api.CreateEvent(r.sa, call.args["type"] != "synchronization", call.args["state"] == "set", r.name)
        },
        native: { sv, call, attrs, h in
          sv.NtCreateEvent(&h, AccessMask(0x1F_0003), attrs, notification: call.args["type"] != "synchronization",
                           initialState: call.args["state"] == "set")
        }, nativeName: "NtCreateEvent", win32Name: "CreateEvent"),
      create(
        "mutex", "Creates a mutex (CreateMutex / NtCreateMutant).", typeName: "Mutant",
        extra: [TagSpec("owned", .choice(["yes", "no"]), help: "Whether the acting thread owns it at once.", default: "no")],
        examples: ["create mutex name=MyMutex owned=yes"],
        win32: { api, call, r in api.CreateMutex(r.sa, Parse.flag(call.args["owned"]), r.name) },
        native: { sv, call, attrs, h in
          sv.NtCreateMutant(&h, AccessMask(0x1F_0001), attrs, initialOwner: Parse.flag(call.args["owned"]))
        }, nativeName: "NtCreateMutant", win32Name: "CreateMutex"),
      create(
        "semaphore", "Creates a semaphore (CreateSemaphore / NtCreateSemaphore).", typeName: "Semaphore",
        extra: [
          TagSpec("initial", .integer, help: "Initial count.", default: "0"),
          TagSpec("maximum", .integer, help: "Maximum count.", default: "1"),
        ],
        examples: ["create semaphore name=Slots initial=2 maximum=4"],
        win32: { api, call, r in
          let (i, m) = try counts(call)
          return api.CreateSemaphore(r.sa, i, m, r.name)
        },
        native: { sv, call, attrs, h in
          let (i, m) = try counts(call)
          return sv.NtCreateSemaphore(&h, AccessMask(0x1F_0003), attrs, initialCount: i, maximumCount: m)
        }, nativeName: "NtCreateSemaphore", win32Name: "CreateSemaphore"),
      create(
        "job", "Creates a job (CreateJobObject / NtCreateJobObject).", typeName: "Job", extra: [],
        examples: ["create job name=MyTestJob"],
        win32: { api, _, r in api.CreateJobObject(r.sa, r.name) },
        native: { sv, _, attrs, h in sv.NtCreateJobObject(&h, AccessMask(0x1F_003F), attrs) },
        nativeName: "NtCreateJobObject", win32Name: "CreateJobObject"),
      create(
        "directory", "Creates an object directory (NtCreateDirectoryObject).", typeName: "Directory", extra: [],
        nativeOnly: true, examples: ["create directory \\BaseNamedObjects\\MyDir", "create directory name=Private"],
        win32: { _, _, _ in nil },
        native: { sv, _, attrs, h in sv.NtCreateDirectoryObject(&h, AccessMask(0xF_000F), attrs) },
        nativeName: "NtCreateDirectoryObject", win32Name: "NtCreateDirectoryObject"),
      create(
        "symlink", "Creates a symbolic link (NtCreateSymbolicLinkObject).", typeName: "SymbolicLink",
        extra: [TagSpec("target", .text(placeholder: "path"), .required, help: "The path the link stands for.")],
        nativeOnly: true, examples: ["create symlink name=Here target=\\Sessions\\1\\BaseNamedObjects"],
        win32: { _, _, _ in nil },
        native: { sv, call, attrs, h in
          sv.NtCreateSymbolicLinkObject(&h, AccessMask(0xF_0001), attrs, target: call.args["target"] ?? "")
        }, nativeName: "NtCreateSymbolicLinkObject", win32Name: "NtCreateSymbolicLinkObject"),
    ] + openCommands(world)
  }

  static func counts(_ call: CommandCall) throws -> (Int32, Int32) {
    guard let i = call.args.integer("initial"), let m = call.args.integer("maximum"),
      let initial = Int32(exactly: i), let maximum = Int32(exactly: m)
    else { throw ObjectFailure.message("initial and maximum are 32-bit counts.") }
    return (initial, maximum)
  }

  static func openCommands(_ world: ObjectWorld) -> [CommandSpec] {
    func open(
      _ noun: String, typeName: String, win32Name: String?, nativeName: String,
      win32: ((Win32, AccessMask, Bool, String) -> Handle?)?,
      native: @escaping (SystemServices, AccessMask, ObjectAttributes, inout Handle) -> NTStatus
    ) -> CommandSpec {
      CommandSpec(
        ["open", noun], "Opens an existing \(typeName.lowercased()) by name.",
        tags: nameTags(required: true) + [
          TagSpec("access", .text(placeholder: "rights"), help: "Desired access: a mask or names (MAXIMUM_ALLOWED, SYNCHRONIZE, MODIFY_STATE…).", default: "MAXIMUM_ALLOWED"),
          TagSpec("inherit", .choice(["yes", "no"]), help: "Whether child processes inherit the handle.", default: "no"),
          TagSpec("case", .choice(["sensitive", "insensitive"]), help: "Name comparison (OBJ_CASE_INSENSITIVE).", default: "sensitive"),
        ],
        remarks: [
          "The access check runs against the object's DACL with the acting process's token; a missing name is "
            + "STATUS_OBJECT_NAME_NOT_FOUND (Win32 error 2), a name of another type STATUS_OBJECT_TYPE_MISMATCH (6), "
            + "refused access STATUS_ACCESS_DENIED (5).",
        ],
        examples: ["open \(noun) name=\(noun == "job" ? "MyTestJob" : "MyObject") access=SYNCHRONIZE"]
      ) { call in
        let api = try world.api()
        let name = call.args["name"] ?? ""
        let type = api.kernel.ob.type(named: typeName)
        let access = try Parse.access(call.args["access"], type: type, default: .maximumAllowed)
        let inherit = Parse.flag(call.args["inherit"])
        let insensitive = call.args["case"] == "insensitive"
        if let win32, let win32Name, !name.hasPrefix("\\"), !insensitive {
          let h = try ObjectContext.win32(win32Name, api, win32(api, access, inherit, name))
          report("Opened", typeName, h, existed: false, via: "", api: api, call.out)
        } else {
          var flags: ObjectAttributeFlags = inherit ? [.inherit] : []
          if insensitive { flags.insert(.caseInsensitive) }
          var attrs = ObjectAttributes(name, attributes: flags)
          if !name.hasPrefix("\\") { attrs.rootDirectory = api.process.namedObjectDirectory }
          var h = Handle.null
          try ObjectContext.native(nativeName, api.nt.call { native($0, access, attrs, &h) })
          report("Opened", typeName, h, existed: false, via: "", api: api, call.out)
        }
      }
    }
    return [
      open("event", typeName: "Event", win32Name: "OpenEvent", nativeName: "NtOpenEvent",
           win32: { $0.OpenEvent($1, $2, $3) }, native: { $0.NtOpenEvent(&$3, $1, $2) }),
      open("mutex", typeName: "Mutant", win32Name: "OpenMutex", nativeName: "NtOpenMutant",
           win32: { $0.OpenMutex($1, $2, $3) }, native: { $0.NtOpenMutant(&$3, $1, $2) }),
      open("semaphore", typeName: "Semaphore", win32Name: "OpenSemaphore", nativeName: "NtOpenSemaphore",
           win32: { $0.OpenSemaphore($1, $2, $3) }, native: { $0.NtOpenSemaphore(&$3, $1, $2) }),
      open("job", typeName: "Job", win32Name: "OpenJobObject", nativeName: "NtOpenJobObject",
           win32: { $0.OpenJobObject($1, $2, $3) }, native: { $0.NtOpenJobObject(&$3, $1, $2) }),
      open("directory", typeName: "Directory", win32Name: nil, nativeName: "NtOpenDirectoryObject",
           win32: nil, native: { $0.NtOpenDirectoryObject(&$3, $1, $2) }),
      open("symlink", typeName: "SymbolicLink", win32Name: nil, nativeName: "NtOpenSymbolicLinkObject",
           win32: nil, native: { $0.NtOpenSymbolicLinkObject(&$3, $1, $2) }),
      CommandSpec(
        ["open", "process"], "Opens a process by id (OpenProcess).",
        tags: [
          TagSpec("pid", .integer, .required, help: "The process id.", complete: completePids(world)),
          TagSpec("access", .text(placeholder: "rights"), help: "Desired access (PROCESS_TERMINATE is TERMINATE…).", default: "MAXIMUM_ALLOWED"),
          TagSpec("inherit", .choice(["yes", "no"]), help: "Whether child processes inherit the handle.", default: "no"),
        ]
      ) { call in
        let api = try world.api()
        guard let pid = call.args.integer("pid"), let p = UInt32(exactly: pid) else { throw ObjectFailure.message("pid is a process id.") }
        let access = try Parse.access(call.args["access"], type: api.kernel.ob.type(named: "Process"), default: .maximumAllowed)
        let h = try win32("OpenProcess", api, api.OpenProcess(access, Parse.flag(call.args["inherit"]), p))
        call.out.line("Opened process \(p) (\(api.kernel.process(pid: p)?.imageName ?? "?")): handle \(Format.handle(h)).")
      },
    ]
  }
}

import Drivers
import Kernel
import NTAPI
import NTCore
import Shell

/// The seed's DataStack series in the `object` context: loading KObjects.sys (the new object type),
/// and creating, opening, pushing, popping, clearing and querying DataStacks through DataStack.dll
/// as the acting process. `wait` and `close` work on DataStack handles as on any other.
extension ObjectContext {
  static let dataStackRemarks = [
    "The calls go through DataStack.dll, which sends them to \\Device\\KDataStack: the driver KObjects.sys must be "
      + "loaded first (load driver KObjects); otherwise the DLL does not load and the command says so.",
  ]

  static let handleStatuses =
    "A handle that is not open is STATUS_INVALID_HANDLE (6), a handle to another type STATUS_OBJECT_TYPE_MISMATCH (6), "
    + "a handle without the right the call needs STATUS_ACCESS_DENIED (5)."

  /// The acting process's Win32 API with DataStack.dll loaded.
  static func dataStackAPI(_ world: ObjectWorld) throws -> Win32 {
    let api = try world.api()
    switch DataStackLibrary.load(api.nt) {
    case .success: return api
    case .failure(.notImplemented):
      throw ObjectFailure.message("DataStack.dll does not load in a 32-bit (WOW64) process: its DllMain returns FALSE.")
    case .failure(let s):
      throw ObjectFailure.message(
        "DataStack.dll did not load: its DllMain could not open \(DataStackProtocol.deviceName): \(s)\n"
          + "  Load the driver first: load driver \(DataStackDriver.name)")
    }
  }

  static func dataStackCommands(_ world: ObjectWorld) -> [CommandSpec] {
    driverCommands(world) + [
      CommandSpec(
        ["create", "datastack"], "Creates a DataStack, or opens the one of that name (CreateDataStack / NtCreateDataStack).",
        tags: nameTags() + [
          TagSpec("maxitemsize", .integer, help: "The largest item in bytes (0: no limit).", default: "0"),
          TagSpec("maxitemcount", .integer, help: "The most items (0: no limit).", default: "0"),
          TagSpec("maxsize", .integer, help: "The most bytes of all items together (0: no limit).", default: "0"),
          TagSpec("inherit", .choice(["yes", "no"]), help: "Whether child processes inherit the handle.", default: "no"),
          TagSpec("sd", .text(placeholder: "sddl"), help: "Security descriptor in SDDL, e.g. D:(A;;GA;;;SY)(A;;GR;;;WD)."),
          TagSpec("openif", .choice(["yes", "no"]), help: "Open an existing DataStack of the same name (OBJ_OPENIF).", default: "yes"),
          TagSpec("permanent", .choice(["yes", "no"]), help: "OBJ_PERMANENT (needs SeCreatePermanentPrivilege).", default: "no"),
          TagSpec("case", .choice(["sensitive", "insensitive"]), help: "Name comparison (OBJ_CASE_INSENSITIVE).", default: "insensitive"),
        ],
        remarks: dataStackRemarks + [
          "A name without a leading \\ is relative to the session's named-object directory, as CreateDataStack makes it "
            + "(\\Sessions\\N\\BaseNamedObjects; \\BaseNamedObjects in session 0), compared case-insensitively. When the name "
            + "exists the existing DataStack is opened (ERROR_ALREADY_EXISTS) and keeps its own limits: the ones given here "
            + "are dropped with the discarded new object. openif=no, permanent=yes, case=sensitive or an NT path call "
            + "NtCreateDataStack directly.",
          "Zero means no limit for every limit, as part 3 says; the original sample compared the item count with a zero "
            + "limit and refused every push.",
          "Errors: a name of another type is STATUS_OBJECT_TYPE_MISMATCH (6); an existing name with openif=no "
            + "STATUS_OBJECT_NAME_COLLISION (183); a missing directory STATUS_OBJECT_PATH_NOT_FOUND (3); permanent=yes without "
            + "the privilege STATUS_PRIVILEGE_NOT_HELD (1314).",
        ],
        examples: ["create datastack name=MyDataStack maxitemcount=100 maxsize=10485760", "create datastack"]
      ) { call in try createDataStack(world, call) },
      CommandSpec(
        ["open", "datastack"], "Opens an existing DataStack by name (OpenDataStack / NtOpenDataStack).",
        tags: nameTags(required: true) + [
          TagSpec("access", .text(placeholder: "rights"), help: "Desired access: a mask or names (QUERY, PUSH, POP, CLEAR, SYNCHRONIZE, GENERIC_READ…).", default: "MAXIMUM_ALLOWED"),
          TagSpec("inherit", .choice(["yes", "no"]), help: "Whether child processes inherit the handle.", default: "no"),
          TagSpec("case", .choice(["sensitive", "insensitive"]), help: "Name comparison (OBJ_CASE_INSENSITIVE).", default: "insensitive"),
        ],
        remarks: dataStackRemarks + [
          "The generic rights map as the type's generic mapping says: GENERIC_READ is READ_CONTROL | QUERY, GENERIC_WRITE "
            + "READ_CONTROL | PUSH | POP | CLEAR, GENERIC_EXECUTE READ_CONTROL | SYNCHRONIZE.",
          "Errors: a missing name is STATUS_OBJECT_NAME_NOT_FOUND (2), a name of another type STATUS_OBJECT_TYPE_MISMATCH (6), "
            + "refused access STATUS_ACCESS_DENIED (5).",
        ],
        examples: ["open datastack name=MyDataStack access=GENERIC_READ"]
      ) { call in try openDataStack(world, call) },
      CommandSpec(
        ["push", "datastack"], "Pushes an item: a string, a 32-bit integer or bytes (PushDataStack).",
        tags: [
          handleTag(world, "A DataStack handle with PUSH."),
          TagSpec("string", .text(placeholder: "text"), help: "Text, pushed with its terminating NUL (as the seed's PushString)."),
          TagSpec("int", .integer, help: "A 32-bit integer, pushed as 4 bytes."),
          TagSpec(
            "hex", .text(placeholder: "bytes"),
            help: "Bytes in hex, e.g. 0a0b0c (a line holds 64 KB, so at most about 32 KB of bytes)."),
          TagSpec("size", .integer, help: "The size to pass (default: the item's size; more than it reads past the buffer)."),
          TagSpec("buffer", .choice(["data", "null"]), help: "null passes a NULL buffer.", default: "data"),
          TagSpec("count", .integer, help: "Push the item this many times.", default: "1"),
          TagSpec("onerror", .choice(["stop", "continue"]), help: "With count: stop at the first failure, or try every push and count the statuses.", default: "stop"),
        ],
        remarks: dataStackRemarks + [
          "Limits: a full stack is STATUS_NO_MORE_ENTRIES (ERROR_NO_MORE_ITEMS, 259); an item larger than the item-size "
            + "limit, or one that would take the total past the size limit, is STATUS_NOT_CAPABLE (775).",
          "Size zero is STATUS_INVALID_PARAMETER_3 and a NULL buffer STATUS_INVALID_PARAMETER_2 (both ERROR_INVALID_PARAMETER, 87); "
            + "a size larger than the data makes the driver's copy fault: STATUS_ACCESS_VIOLATION (998); an item the pool "
            + "cannot hold is STATUS_INSUFFICIENT_RESOURCES (1450). " + handleStatuses,
        ],
        examples: ["push datastack 0x10 string=\"Hello, data stack!\"", "push datastack 0x10 int=7 count=200"]
      ) { call in try pushDataStack(world, call) },
      CommandSpec(
        ["pop", "datastack"], "Pops the top item, printing it as the seed's test does (PopDataStack).",
        tags: [
          handleTag(world, "A DataStack handle with POP."),
          TagSpec("size", .integer, help: "The buffer's size (0 asks for the top item's size and pops nothing).", default: "256"),
          TagSpec("buffer", .choice(["data", "null"]), help: "null passes a NULL buffer.", default: "data"),
          TagSpec("format", .choice(["seed", "hex"]), help: "seed: a string if longer than 4 bytes, else an int; hex: the bytes.", default: "seed"),
        ],
        remarks: dataStackRemarks + [
          "An empty stack is STATUS_PIPE_EMPTY (ERROR_NO_DATA, 232); a buffer smaller than the top item is "
            + "STATUS_BUFFER_TOO_SMALL (ERROR_INSUFFICIENT_BUFFER, 122) with the item's size reported, and the item stays. "
            + "A NULL buffer with a non-zero size is STATUS_INVALID_PARAMETER_2 (87). " + handleStatuses,
          "Popping the last item resets the object, so waits on it block again.",
        ],
        examples: ["pop datastack 0x10", "pop datastack 0x10 size=0", "pop datastack 0x10 size=2 format=hex"]
      ) { call in try popDataStack(world, call) },
      CommandSpec(
        ["clear", "datastack"], "Removes every item (ClearDataStack).", tags: [handleTag(world, "A DataStack handle with CLEAR.")],
        remarks: dataStackRemarks + [
          "The object is reset too, so waits on it block until the next push; the original sample left it signaled and "
            + "a waiter woke to an empty stack. " + handleStatuses,
        ]
      ) { call in
        let api = try dataStackAPI(world)
        try win32("ClearDataStack", api, api.ClearDataStack(try Parse.handle(call.args["handle"])))
        call.out.ok()
      },
      CommandSpec(
        ["show", "datastack"], "Shows a DataStack's item count, size and limits (GetDataStackItemCount, GetDataStackSize, GetDataStackConfig).",
        tags: [handleTag(world, "A DataStack handle with QUERY.")],
        remarks: dataStackRemarks + [
          "The part-3 driver (restart option=datastack=part3) has no query: STATUS_INVALID_DEVICE_REQUEST (1). " + handleStatuses,
        ]
      ) { call in try showDataStack(world, call) },
      CommandSpec(
        ["query", "datastack"], "Queries one information class with every parameter of NtQueryInformationDataStack.",
        tags: [
          handleTag(world, "A DataStack handle with QUERY."),
          TagSpec("class", .text(placeholder: "class"), .required, help: "count, size, config, or a class number (0, 1, 2, …)."),
          TagSpec("buffersize", .integer, help: "BufferSize (default: the class's size: 4, 8, 16)."),
          TagSpec("buffer", .choice(["data", "null"]), help: "null passes a NULL buffer.", default: "data"),
          TagSpec("returnlength", .choice(["yes", "no"]), help: "Whether to pass a ReturnLength pointer.", default: "yes"),
        ],
        remarks: dataStackRemarks + [
          "The handle needs QUERY, checked first. A NULL buffer needs a ReturnLength and a zero size (a size probe), a buffer "
            + "needs a non-zero size: STATUS_INVALID_PARAMETER (87) otherwise. An unknown class is STATUS_INVALID_INFO_CLASS "
            + "(87); a buffer shorter than the class is STATUS_BUFFER_TOO_SMALL (122), and ReturnLength says how long it must be.",
        ],
        examples: ["query datastack 0x10 class=config", "query datastack 0x10 class=size buffer=null buffersize=0"]
      ) { call in try queryDataStack(world, call) },
    ]
  }

  // MARK: Driver

  static func driverCommands(_ world: ObjectWorld) -> [CommandSpec] {
    [
      CommandSpec(["show", "drivers"], "Lists the installed driver services and whether they run (sc query type=driver).") { call in
        let k = try world.kernel()
        let rows = world.machine.services.map { s -> [String] in
          let loaded = k.modules.first { $0.name.lowercased() == s.name.lowercased() }
          return [s.name, s.image, s.startType.rawValue, loaded == nil ? "Stopped" : "Running",
                  loaded.map { KdFormat.plain($0.base) } ?? ""]
        }
        for l in Format.table(["Service", "Image", "Start", "State", "Base"], rows) { call.out.line(l) }
        let options = world.machine.configuration.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        call.out.line("Boot options: " + (options.isEmpty ? "none" : options.joined(separator: " ")) + ".")
      },
      CommandSpec(
        ["load", "driver"], "Starts a driver service (sc start): its DriverEntry runs in the System process.",
        tags: [TagSpec("name", .text(placeholder: "service"), .required, help: "The service, e.g. KObjects.", complete: { _ in [DataStackDriver.name] })],
        remarks: [
          "Needs an administrator (the service control manager refuses others: ERROR_ACCESS_DENIED). A running driver gives "
            + "ERROR_SERVICE_ALREADY_RUNNING (1056).",
          "KObjects.sys registers the DataStack object type and \\Device\\KDataStack. The boot option datastack chooses the "
            + "variant: part4 (the default, the finished driver) or part3 (no DeleteProcedure, no query, not waitable): "
            + "restart option=datastack=part3. The type outlives the driver (it is permanent), so loading it again after "
            + "unload driver fails with STATUS_OBJECT_NAME_COLLISION: restart to reload.",
        ],
        examples: ["load driver KObjects"]
      ) { call in
        let api = try world.api()
        let name = call.args["name"] ?? ""
        guard let service = world.machine.services.first(where: { $0.name.lowercased() == name.lowercased() }) else {
          throw ObjectFailure.win32("OpenService", Win32Error(1060), .objectNameNotFound)
        }
        guard api.process.token.isAdministrator else { throw ObjectFailure.win32("OpenService", .accessDenied, .accessDenied) }
        let s = world.machine.startService(service.name)
        world.drainConsole(call.out)
        guard s.isSuccess else {
          var text = ObjectFailure.win32("StartService", s.win32Error, s).description
          if s == .objectNameCollision, service.name == DataStackDriver.name {
            text += "\n  DriverEntry could not register the DataStack type: it survived the last unload (types are permanent). "
              + "Restart to load the driver again."
          }
          if s == .invalidParameter, service.name == DataStackDriver.name,
            let option = world.machine.configuration.options[DataStackDriver.bootOption]
          {
            text += "\n  DriverEntry refused the boot option \(DataStackDriver.bootOption)=\(option): it is part3 or part4 "
              + "(restart option=\(DataStackDriver.bootOption)=part4)."
          }
          throw ObjectFailure.message(text)
        }
        let base = api.kernel.modules.first { $0.name == service.name }.map { KdFormat.plain($0.base) } ?? "?"
        call.out.line("Started \(service.name) (\(service.image)), loaded at \(base).")
      },
      CommandSpec(
        ["unload", "driver"], "Stops a driver service (sc stop): its DriverUnload runs.",
        tags: [TagSpec("name", .text(placeholder: "service"), .required, help: "The service, e.g. KObjects.", complete: { _ in [DataStackDriver.name] })],
        remarks: [
          "A driver whose devices are open cannot stop (the handles of DataStack.dll in the processes that used it count).",
          "KObjects.sys drops its reference on the DataStack type but cannot delete it: the type stays, so the driver "
            + "cannot load again until a restart. DataStacks still alive keep working with the object manager (wait, close), "
            + "but their DeleteProcedure was the driver's code: destroying one then brings the machine down, as on Windows.",
        ],
        examples: ["unload driver KObjects"]
      ) { call in
        let api = try world.api()
        let name = call.args["name"] ?? ""
        guard let service = world.machine.services.first(where: { $0.name.lowercased() == name.lowercased() }) else {
          throw ObjectFailure.win32("OpenService", Win32Error(1060), .objectNameNotFound)
        }
        guard api.process.token.isAdministrator else { throw ObjectFailure.win32("OpenService", .accessDenied, .accessDenied) }
        guard let driver = api.kernel.drivers[service.name] else {
          throw ObjectFailure.message("ControlService failed: ERROR_SERVICE_NOT_ACTIVE (1062): The service has not been started.")
        }
        let open = driver.devices.reduce(0) { $0 + $1.openCount }
        if open > 0 {
          throw ObjectFailure.message(
            "ControlService failed: ERROR_DEVICE_IN_USE (2404): The device is in use by an active process and cannot be disconnected.\n"
              + "  \(open) handle\(open == 1 ? " to the driver's device is" : "s to the driver's devices are") open "
              + "(DataStack.dll keeps one in every process that used it); end those processes, or restart.")
        }
        let s = api.kernel.unloadDriver(named: service.name)
        if !s.isSuccess { throw ObjectFailure.win32("ControlService", s.win32Error, s) }
        world.drainConsole(call.out)
        call.out.line("Stopped \(service.name).")
      },
    ]
  }

  // MARK: Create and open

  static func createDataStack(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try dataStackAPI(world)
    // Unsigned: maxsize is a ULONG_PTR, so 18446744073709551615 (0xffffffffffffffff) is valid.
    func limit(_ tag: String, max: UInt64) throws -> UInt64 {
      guard let text = call.args[tag], !text.hasPrefix("-"), let v = call.args.integer(tag),
        UInt64(bitPattern: v) <= max
      else {
        throw ObjectFailure.message("\(tag) is 0 to \(max).")
      }
      return UInt64(bitPattern: v)
    }
    let maxItemSize = UInt32(try limit("maxitemsize", max: UInt64(UInt32.max)))
    let maxItemCount = UInt32(try limit("maxitemcount", max: UInt64(UInt32.max)))
    let maxSize = try limit("maxsize", max: .max)
    let name = call.args["name"].flatMap { $0.isEmpty ? nil : $0 }
    var sd: SecurityDescriptor?
    if let text = call.args["sd"] {
      do { sd = try SDDL.parse(text) } catch { throw ObjectFailure.message("sd: \(error)") }
    }
    let inherit = Parse.flag(call.args["inherit"])
    let openif = call.args["openif"] != "no"
    let permanent = Parse.flag(call.args["permanent"])
    let insensitive = call.args["case"] != "sensitive"
    let native = name?.hasPrefix("\\") == true || !openif || permanent || !insensitive
    if native {
      var flags: ObjectAttributeFlags = []
      if openif && name != nil { flags.insert(.openIf) }
      if permanent { flags.insert(.permanent) }
      if insensitive { flags.insert(.caseInsensitive) }
      if inherit { flags.insert(.inherit) }
      var attrs = ObjectAttributes(name, attributes: flags, securityDescriptor: sd)
      if let name, !name.hasPrefix("\\") { attrs.rootDirectory = api.process.namedObjectDirectory }
      var h = Handle.null
      let s = api.nt.NtCreateDataStack(&h, attrs, maxItemSize, maxItemCount, maxSize)
      try ObjectContext.native("NtCreateDataStack", s)
      report("Created", "DataStack", h, existed: s == .objectNameExists, via: "STATUS_OBJECT_NAME_EXISTS", api: api, call.out)
    } else {
      let sa = Win32.SecurityAttributes(securityDescriptor: sd, inheritHandle: inherit)
      let h = try win32("CreateDataStack", api, api.CreateDataStack(sa, maxItemSize, maxItemCount, maxSize, name))
      report("Created", "DataStack", h, existed: api.lastError == .alreadyExists, via: "ERROR_ALREADY_EXISTS", api: api, call.out)
    }
  }

  static func openDataStack(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try dataStackAPI(world)
    let name = call.args["name"] ?? ""
    let access = try Parse.access(call.args["access"], type: api.kernel.ob.type(named: "DataStack"), default: .maximumAllowed)
    let inherit = Parse.flag(call.args["inherit"])
    let h: Handle
    if name.hasPrefix("\\") || call.args["case"] == "sensitive" {
      var flags: ObjectAttributeFlags = inherit ? [.inherit] : []
      if call.args["case"] != "sensitive" { flags.insert(.caseInsensitive) }
      var attrs = ObjectAttributes(name, attributes: flags)
      if !name.hasPrefix("\\") { attrs.rootDirectory = api.process.namedObjectDirectory }
      var out = Handle.null
      try native("NtOpenDataStack", api.nt.NtOpenDataStack(&out, access, attrs))
      h = out
    } else {
      h = try win32("OpenDataStack", api, api.OpenDataStack(access, inherit, name))
    }
    report("Opened", "DataStack", h, existed: false, via: "", api: api, call.out)
  }

  // MARK: Push and pop

  /// The bytes a push names: a string and its NUL, an int's four bytes, or hex.
  static func item(_ call: CommandCall) throws -> [UInt8] {
    let given = ["string", "int", "hex"].filter { call.args[$0] != nil }
    guard given.count == 1 else { throw ObjectFailure.message("Give one of string=, int= or hex=.") }
    if let s = call.args["string"] { return Array(s.utf8) + [0] }
    if let text = call.args["int"] {
      guard let v = call.args.integer("int"), v >= Int64(Int32.min), v <= Int64(UInt32.max) else {
        throw ObjectFailure.message("'\(text)' is not a 32-bit integer.")
      }
      return LE.bytes(UInt64(UInt32(truncatingIfNeeded: v)), count: 4)
    }
    var hex = (call.args["hex"] ?? "").lowercased().filter { $0 != ":" && $0 != "-" && $0 != "_" }
    if hex.hasPrefix("0x") { hex.removeFirst(2) }
    let digits = Array(hex.utf8)
    guard !digits.isEmpty, digits.count % 2 == 0,
      digits.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
    else { throw ObjectFailure.message("hex is an even number of hex digits, e.g. 0a0b0c.") }
    func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
    return stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
  }

  static func pushDataStack(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try dataStackAPI(world)
    let h = try Parse.handle(call.args["handle"])
    let bytes = try item(call)
    var size = UInt32(bytes.count)
    if let s = call.args.integer("size") {
      guard s >= 0, s <= Int64(UInt32.max) else { throw ObjectFailure.message("size is 0 to 4294967295.") }
      size = UInt32(s)
    }
    guard let c = call.args.integer("count"), c >= 1, c <= 10_000_000 else { throw ObjectFailure.message("count is 1 to 10000000.") }
    let buffer = call.args["buffer"] == "null" ? nil : UserBuffer(bytes)
    let keepGoing = call.args["onerror"] == "continue"
    var pushed = 0
    var refused: [(status: NTStatus, error: Win32Error, count: Int)] = []
    for _ in 0..<Int(c) {
      if api.PushDataStack(h, buffer, size) {
        pushed += 1
        continue
      }
      guard keepGoing else {
        if c > 1 { call.out.line("Pushed \(pushed) of \(c) items.") }
        throw ObjectFailure.win32("PushDataStack", api.lastError, api.lastStatus)
      }
      if let i = refused.firstIndex(where: { $0.status == api.lastStatus }) {
        refused[i].count += 1
      } else {
        refused.append((api.lastStatus, api.lastError, 1))
      }
    }
    if !refused.isEmpty {
      let lines = refused.map { "  \($0.count) failed with \($0.status.name ?? $0.status.hex), \($0.error.name ?? "error") (\($0.error.code))." }
      throw ObjectFailure.message("Pushed \(pushed) of \(c) items.\n" + lines.joined(separator: "\n"))
    }
    call.out.line(c == 1 ? "Pushed \(size) bytes." : "Pushed \(c) items of \(size) bytes.")
  }

  static func popDataStack(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try dataStackAPI(world)
    let h = try Parse.handle(call.args["handle"])
    guard let s = call.args.integer("size"), s >= 0, s <= 1 << 24 else { throw ObjectFailure.message("size is 0 to 16777216.") }
    let buffer = call.args["buffer"] == "null" ? nil : UserBuffer(count: Int(s))
    let size = UserULong(UInt32(s))
    guard api.PopDataStack(h, buffer, size) else {
      let failure = ObjectFailure.win32("PopDataStack", api.lastError, api.lastStatus)
      if api.lastStatus == .bufferTooSmall {
        throw ObjectFailure.message(failure.description + "\n  The top item has \(size.value) bytes; it stays on the stack.")
      }
      throw failure
    }
    if s == 0 {
      call.out.line(size.value == 0 ? "The stack is empty; nothing was popped." : "The top item has \(size.value) bytes; nothing was popped.")
      return
    }
    guard let buffer else { return }
    let n = Int(size.value)
    if call.args["format"] == "hex" {
      call.out.line("Popped \(n) bytes: " + buffer.bytes.prefix(n).map { KdFormat.pad(UInt64($0), 2) }.joined(separator: " "))
    } else {
      call.out.line("Popped \(n) bytes: " + (n > 4 ? printable(buffer.cString) : String(buffer.int32)))
    }
  }

  /// Text as a console shows it, control characters escaped so they cannot disturb the terminal.
  static func printable(_ s: String) -> String {
    String(s.unicodeScalars.flatMap { u -> [Character] in
      u.value < 0x20 || u.value == 0x7F ? Array("\\x" + KdFormat.pad(UInt64(u.value), 2)) : [Character(u)]
    })
  }

  // MARK: Query

  static func showDataStack(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try dataStackAPI(world)
    let h = try Parse.handle(call.args["handle"])
    var count: UInt32 = 0
    var total: UInt64 = 0
    var config = DataStackConfiguration(maxItemSize: 0, maxItemCount: 0, maxSize: 0)
    try win32("GetDataStackItemCount", api, api.GetDataStackItemCount(h, &count))
    try win32("GetDataStackSize", api, api.GetDataStackSize(h, &total))
    try win32("GetDataStackConfig", api, api.GetDataStackConfig(h, &config))
    func limit(_ v: UInt64) -> String { v == 0 ? "0 (no limit)" : String(v) }
    call.out.line("Item count:      \(count)")
    call.out.line("Size:            \(total) bytes")
    call.out.line("Max item size:   \(limit(UInt64(config.maxItemSize)))")
    call.out.line("Max item count:  \(limit(UInt64(config.maxItemCount)))")
    call.out.line("Max size:        \(limit(config.maxSize))")
  }

  static func queryDataStack(_ world: ObjectWorld, _ call: CommandCall) throws {
    let api = try dataStackAPI(world)
    let h = try Parse.handle(call.args["handle"])
    let text = (call.args["class"] ?? "").lowercased()
    let named: [String: DataStackInformationClass] = [
      "count": .itemCount, "itemcount": .itemCount, "size": .totalSize, "totalsize": .totalSize,
      "config": .configuration, "configuration": .configuration,
    ]
    let number: UInt32
    if let c = named[text] {
      number = c.rawValue
    } else if let v = Arguments.parseInteger(text), v >= 0, v <= Int64(UInt32.max) {
      number = UInt32(v)
    } else {
      throw ObjectFailure.message("'\(text)' is not an information class (count, size, config, or a number).")
    }
    let known = DataStackInformationClass(rawValue: number)
    let className = known?.name ?? "class \(number)"
    var bufferSize = UInt32(known?.length ?? 16)
    if let b = call.args.integer("buffersize") {
      guard b >= 0, b <= 1 << 20 else { throw ObjectFailure.message("buffersize is 0 to 1048576.") }
      bufferSize = UInt32(b)
    }
    let buffer = call.args["buffer"] == "null" ? nil : UserBuffer(count: Int(bufferSize))
    let returnLength = call.args["returnlength"] == "no" ? nil : UserULong(0xFFFF_FFFF)
    let s = api.nt.NtQueryInformationDataStack(h, number, buffer, bufferSize, returnLength)
    let length = returnLength.map { $0.value == 0xFFFF_FFFF ? "not written" : String($0.value) } ?? "none passed"
    guard s.isSuccess else {
      throw ObjectFailure.message(ObjectFailure.native("NtQueryInformationDataStack(\(className))", s).description
        + "\n  ReturnLength: \(length)")
    }
    call.out.line("NtQueryInformationDataStack(\(className)): \(s.name ?? s.hex), ReturnLength \(length).")
    guard let buffer, let c = known else { return }
    switch c {
    case .itemCount: call.out.line("Item count: \(LE.read(buffer.bytes, at: 0, count: 4))")
    case .totalSize: call.out.line("Size: \(LE.read(buffer.bytes, at: 0, count: 8)) bytes")
    case .configuration:
      let config = DataStackConfiguration(bytes: buffer.bytes)
      call.out.line("MaxItemSize: \(config.maxItemSize)  MaxItemCount: \(config.maxItemCount)  MaxSize: \(config.maxSize)")
    }
  }
}

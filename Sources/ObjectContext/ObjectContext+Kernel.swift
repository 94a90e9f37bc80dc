import Drivers
import Kernel
import NTAPI
import NTCore
import Shell

extension ObjectContext {
  /// Sends a request to ObjTest.sys as the acting process: open `\\.\ObjectTest`, DeviceIoControl, close.
  static func driverCall(_ world: ObjectWorld, _ request: ObjectTestRequest) throws -> ByteReader {
    let api = try world.api()
    let device = try win32("CreateFile(\\\\.\\ObjectTest)", api, api.CreateFile("\\\\.\\ObjectTest", AccessMask(0x3)))
    defer { _ = api.CloseHandle(device) }
    guard let out = api.DeviceIoControl(device, request.ioControlCode, request.bytes, 1 << 20) else {
      let status = api.lastStatus
      switch request {
      case .dereference(let a), .makeTemporary(let a), .openByPointer(let a, _, _), .notify(let a, _, _):
        if status == .invalidParameter {
          throw ObjectFailure.message("ObjTest.sys holds no reference to \(KdFormat.plain(a)) (`kernel list` shows the ones it holds).")
        }
      default: break
      }
      throw ObjectFailure.native("ObjTest.sys: \(routine(request))", status)
    }
    return ByteReader(out)
  }

  /// The kernel routine a request makes the driver call.
  static func routine(_ r: ObjectTestRequest) -> String {
    switch r {
    case .createCallback: return "ExCreateCallback"
    case .createObject: return "ObCreateObject/ObInsertObject"
    case .referenceByName: return "ObReferenceObjectByName"
    case .dereference: return "ObDereferenceObject"
    case .makeTemporary: return "ObMakeTemporaryObject"
    case .openByPointer: return "ObOpenObjectByPointer"
    case .openByName: return "ObOpenObjectByName"
    case .zwMakeTemporary: return "ZwMakeTemporaryObject"
    case .zwMakePermanent: return "ZwMakePermanentObject"
    case .zwClose: return "ZwClose"
    case .notify: return "ExNotifyCallback"
    case .list: return "list"
    }
  }

  static let kernelRemarks = [
    "The request goes to ObjTest.sys, which makes the call in kernel mode: no access check, no privilege check, "
      + "and kernel handles (0xffffffff8000xxxx) that user mode cannot use. The driver keeps every pointer it obtains "
      + "until `kernel dereference` drops it (`kernel list` shows them). Opening the driver needs an administrator.",
  ]

  static func kernelCommands(_ world: ObjectWorld) -> [CommandSpec] {
    [
      CommandSpec(
        ["kernel", "callback"], "Creates or opens a callback object with ExCreateCallback.",
        tags: [
          TagSpec("name", .text(placeholder: "path"), .required, help: "The callback's path, e.g. \\Callback\\MyCallback."),
          TagSpec("permanent", .choice(["yes", "no"]), help: "Pass OBJ_PERMANENT.", default: "no"),
          TagSpec("multiple", .choice(["yes", "no"]), help: "AllowMultipleCallbacks.", default: "yes"),
        ],
        remarks: kernelRemarks + [
          "ExCreateCallback returns a pointer, not a handle: without OBJ_PERMANENT the name disappears at once (the "
            + "handle it used internally is closed), and only the pointer keeps the object alive. With OBJ_PERMANENT "
            + "the name stays until `kernel temporary`.",
        ],
        examples: ["kernel callback \\Callback\\MyCallback permanent=yes"]
      ) { call in
        var r = try driverCall(world, .createCallback(
          name: call.args["name"] ?? "", permanent: Parse.flag(call.args["permanent"]), allowMultiple: call.args["multiple"] != "no"))
        let a = r.u64() ?? 0
        call.out.line("ExCreateCallback returned \(KdFormat.plain(a)); the driver holds this reference.")
      },
      CommandSpec(
        ["kernel", "create"], "Creates an object with ObCreateObject and ObInsertObject in kernel mode.",
        tags: [
          TagSpec("type", .choice(["event", "mutant", "semaphore", "directory"]), .required, help: "The object type."),
          TagSpec("name", .text(placeholder: "path"), help: "An NT path (none: unnamed)."),
          TagSpec("permanent", .choice(["yes", "no"]), help: "OBJ_PERMANENT (no privilege needed in kernel mode).", default: "no"),
          TagSpec("kernelonly", .choice(["yes", "no"]), help: "OBJ_KERNEL_EXCLUSIVE: user mode may not open it.", default: "no"),
          TagSpec("kernelhandle", .choice(["yes", "no"]), help: "Keep the kernel handle ObInsertObject returned.", default: "no"),
        ],
        remarks: kernelRemarks,
        examples: ["kernel create event \\BaseNamedObjects\\KernelEvent kernelonly=yes"]
      ) { call in
        let word = call.args["type"] ?? "event"
        let type = word.prefix(1).uppercased() + word.dropFirst()
        var r = try driverCall(world, .createObject(
          type: type, name: call.args["name"] ?? "", permanent: Parse.flag(call.args["permanent"]),
          kernelOnly: Parse.flag(call.args["kernelonly"]), kernelHandle: Parse.flag(call.args["kernelhandle"])))
        let a = r.u64() ?? 0
        let h = Handle(r.u64() ?? 0)
        call.out.line("Created \(type) \(KdFormat.plain(a))" + (h == .null ? "." : "; kernel handle \(Format.handle(h))."))
      },
      CommandSpec(
        ["kernel", "reference"], "References an object by name (ObReferenceObjectByName); the driver keeps the pointer.",
        tags: [TagSpec("name", .text(placeholder: "path"), .required, help: "The object's path.")], remarks: kernelRemarks
      ) { call in
        var r = try driverCall(world, .referenceByName(name: call.args["name"] ?? ""))
        call.out.line("Referenced \(KdFormat.plain(r.u64() ?? 0)).")
      },
      CommandSpec(
        ["kernel", "dereference"], "Drops a pointer the driver keeps (ObDereferenceObject).",
        tags: [TagSpec("address", .text(placeholder: "address"), .required, help: "The object's address.")],
        remarks: kernelRemarks + ["The last reference frees the object; a pointer the driver does not hold is refused (STATUS_INVALID_PARAMETER)."]
      ) { call in
        _ = try driverCall(world, .dereference(address: try Parse.address(call.args["address"])))
        call.out.ok()
      },
      CommandSpec(
        ["kernel", "temporary"], "Makes an object temporary: ObMakeTemporaryObject on a kept pointer, or ZwMakeTemporaryObject on a handle.",
        tags: [
          TagSpec("address", .text(placeholder: "address"), help: "A pointer the driver keeps."),
          TagSpec("handle", .text(placeholder: "handle"), help: "A kernel handle (or one of the acting process)."),
        ],
        remarks: kernelRemarks + ["If no handle is open, the name leaves the namespace at once."]
      ) { call in
        if let a = call.args["address"] {
          _ = try driverCall(world, .makeTemporary(address: try Parse.address(a)))
        } else if let h = call.args["handle"] {
          _ = try driverCall(world, .zwMakeTemporary(handle: try Parse.handle(h).rawValue))
        } else {
          throw ShellError.missingRequired
        }
        call.out.ok()
      },
      CommandSpec(
        ["kernel", "permanent"], "Makes an object permanent with ZwMakePermanentObject (kernel mode: no privilege check).",
        tags: [TagSpec("handle", .text(placeholder: "handle"), .required, help: "A kernel handle (or one of the acting process).")],
        remarks: kernelRemarks
      ) { call in
        _ = try driverCall(world, .zwMakePermanent(handle: try Parse.handle(call.args["handle"]).rawValue))
        call.out.ok()
      },
      CommandSpec(
        ["kernel", "open"], "Opens a handle in kernel mode: ObOpenObjectByName, or ObOpenObjectByPointer on a kept pointer.",
        tags: [
          TagSpec("name", .text(placeholder: "path"), help: "The object's path."),
          TagSpec("address", .text(placeholder: "address"), help: "Or a pointer the driver keeps."),
          TagSpec("access", .text(placeholder: "rights"), help: "Desired access.", default: "GENERIC_ALL"),
          TagSpec("check", .choice(["kernel", "user"]), help: "AccessMode of ObOpenObjectByName: user runs the access check.", default: "kernel"),
          TagSpec("kernelhandle", .choice(["yes", "no"]), help: "OBJ_KERNEL_HANDLE: a handle in the kernel's table.", default: "yes"),
        ],
        remarks: kernelRemarks + [
          "Without kernelhandle the handle lands in the acting process's table, with the access granted in kernel mode."
        ]
      ) { call in
        let api = try world.api()
        let kernelHandle = call.args["kernelhandle"] != "no"
        let access = try Parse.access(call.args["access"], type: nil, default: .genericAll)
        var r: ByteReader
        if let a = call.args["address"] {
          r = try driverCall(world, .openByPointer(address: try Parse.address(a), access: access.rawValue, kernelHandle: kernelHandle))
        } else if let n = call.args["name"] {
          r = try driverCall(world, .openByName(name: n, access: access.rawValue, userModeCheck: call.args["check"] == "user", kernelHandle: kernelHandle))
        } else {
          throw ShellError.missingRequired
        }
        let h = Handle(r.u64() ?? 0)
        call.out.line("Opened \(kernelHandle ? "kernel handle" : "handle") \(Format.handle(h))"
          + (kernelHandle ? "." : " in \(api.process.imageName) (pid \(api.process.pid))."))
      },
      CommandSpec(
        ["kernel", "close"], "Closes a handle with ZwClose (kernel handles allowed).",
        tags: [TagSpec("handle", .text(placeholder: "handle"), .required, help: "The handle.")], remarks: kernelRemarks
      ) { call in
        _ = try driverCall(world, .zwClose(handle: try Parse.handle(call.args["handle"]).rawValue))
        call.out.ok()
      },
      CommandSpec(
        ["kernel", "notify"], "Notifies a callback object the driver keeps (ExNotifyCallback).",
        tags: [
          TagSpec("address", .text(placeholder: "address"), .required, help: "The callback object."),
          TagSpec("argument1", .integer, help: "Argument1.", default: "0"),
          TagSpec("argument2", .integer, help: "Argument2.", default: "0"),
        ]
      ) { call in
        let a1 = UInt64(bitPattern: call.args.integer("argument1") ?? 0)
        let a2 = UInt64(bitPattern: call.args.integer("argument2") ?? 0)
        _ = try driverCall(world, .notify(address: try Parse.address(call.args["address"]), argument1: a1, argument2: a2))
        call.out.ok()
      },
      CommandSpec(["kernel", "list"], "Lists the pointers ObjTest.sys keeps.") { call in
        let r = try driverCall(world, .list)
        var copy = r
        var bytes: [UInt8] = []
        while let b = copy.u8() { bytes.append(b) }
        guard let list = HeldObject.decode(bytes) else { throw ObjectFailure.message("The driver's reply is malformed.") }
        if list.isEmpty {
          call.out.line("The driver holds no references.")
          return
        }
        let rows = list.map {
          [KdFormat.plain($0.address), $0.typeName, String($0.handleCount), String($0.pointerCount), $0.permanent ? "yes" : "no",
           $0.name.isEmpty ? "(unnamed)" : $0.name + ($0.inNamespace ? "" : " (not in the namespace)")]
        }
        for l in Format.table(["Object", "Type", "Handles", "Pointers", "Permanent", "Name"], rows, right: [2, 3]) { call.out.line(l) }
      },
    ]
  }
}

import Kernel
import NTAPI
import NTCore
import Shell

extension ObjectContext {
  static func handleTag(_ world: ObjectWorld, _ help: String = "A handle of the acting process (0x1a4).") -> TagSpec {
    TagSpec("handle", .text(placeholder: "handle"), .required, help: help, complete: completeHandles(world))
  }

  /// Live process ids, when the machine runs (completion never boots it).
  static func completePids(_ world: ObjectWorld) -> (Session) -> [String] {
    { _ in world.machine.isBooted ? world.machine.kernel.processes.filter(\.isAlive).map { String($0.pid) } : [] }
  }

  /// The acting process's handle values.
  static func completeHandles(_ world: ObjectWorld) -> (Session) -> [String] {
    { _ in
      guard world.machine.isBooted, let p = try? world.actingProcess() else { return [] }
      return p.handleTable.handles.map { $0.handle.description }
    }
  }

  /// Object type names.
  static func completeTypes(_ world: ObjectWorld) -> (Session) -> [String] {
    { _ in world.machine.isBooted ? world.machine.kernel.ob.types.map(\.name) : [] }
  }

  static func handleCommands(_ world: ObjectWorld) -> [CommandSpec] {
    [
      CommandSpec(
        ["close"], "Closes handles (CloseHandle).",
        tags: [handleTag(world, "One or more handles, separated by commas.")],
        remarks: [
          "Closing the last handle of a temporary named object removes its name from the namespace, even while "
            + "references keep the object alive; a permanent object keeps its name.",
          "A bad handle gives STATUS_INVALID_HANDLE (6); a protected one STATUS_HANDLE_NOT_CLOSABLE.",
        ],
        examples: ["close 0x1a4", "close handle=0x1a4,0x1a8"]
      ) { call in
        let api = try world.api()
        for h in try Parse.handles(call.args["handle"]) {
          try win32("CloseHandle(\(Format.handle(h)))", api, api.CloseHandle(h))
        }
        call.out.ok()
      },
      CommandSpec(
        ["duplicate"], "Duplicates a handle within the acting process (DuplicateHandle).",
        tags: [
          handleTag(world),
          TagSpec("access", .text(placeholder: "rights"), help: "Access of the copy (default: the same access)."),
          TagSpec("inherit", .choice(["yes", "no"]), help: "Whether the copy is inheritable.", default: "no"),
        ],
        remarks: [
          "The copy can have less access than the source handle, never more: asking for a right the source handle lacks "
            + "is STATUS_ACCESS_DENIED, as for any process duplicating its own handle."
        ]
      ) { call in
        let api = try world.api()
        let h = try Parse.handle(call.args["handle"])
        let type = api.process.handleTable.entry(h)?.object?.type
        var target = Handle.null
        let same = call.args["access"] == nil
        let access = try Parse.access(call.args["access"], type: type, default: [])
        try win32("DuplicateHandle", api, api.DuplicateHandle(.currentProcess, h, .currentProcess, &target, access, Parse.flag(call.args["inherit"]), same ? 2 : 0))
        call.out.line("Duplicated \(Format.handle(h)) as \(Format.handle(target)).")
      },
      CommandSpec(
        ["set", "event"], "Sets, resets or pulses an event (SetEvent, ResetEvent, PulseEvent).",
        tags: [handleTag(world), TagSpec("state", .choice(["set", "reset", "pulse"]), help: "What to do.", default: "set")],
        remarks: ["Needs EVENT_MODIFY_STATE; waiting threads are released at once and run before the next prompt."]
      ) { call in
        let api = try world.api()
        let h = try Parse.handle(call.args["handle"])
        switch call.args["state"] {
        case "reset": try win32("ResetEvent", api, api.ResetEvent(h))
        case "pulse": try win32("PulseEvent", api, api.PulseEvent(h))
        default: try win32("SetEvent", api, api.SetEvent(h))
        }
        call.out.ok()
      },
      CommandSpec(
        ["release", "mutex"], "Releases a mutex the acting thread owns (ReleaseMutex).", tags: [handleTag(world)],
        remarks: ["A thread that does not own the mutex gets STATUS_MUTANT_NOT_OWNED (ERROR_NOT_OWNER, 288)."]
      ) { call in
        let api = try world.api()
        try win32("ReleaseMutex", api, api.ReleaseMutex(try Parse.handle(call.args["handle"])))
        call.out.ok()
      },
      CommandSpec(
        ["release", "semaphore"], "Releases a semaphore (ReleaseSemaphore).",
        tags: [handleTag(world), TagSpec("count", .integer, help: "How much to add.", default: "1")],
        remarks: ["Past the maximum count: STATUS_SEMAPHORE_LIMIT_EXCEEDED (ERROR_TOO_MANY_POSTS, 298)."]
      ) { call in
        let api = try world.api()
        guard let c = call.args.integer("count"), let count = Int32(exactly: c) else { throw ObjectFailure.message("count is a 32-bit number.") }
        var previous: Int32 = 0
        try win32("ReleaseSemaphore", api, api.ReleaseSemaphore(try Parse.handle(call.args["handle"]), count, &previous))
        call.out.line("Released; the previous count was \(previous).")
      },
      CommandSpec(
        ["set", "object"], "Makes an object permanent or temporary (NtMakePermanentObject / NtMakeTemporaryObject).",
        tags: [handleTag(world), TagSpec("permanent", .choice(["yes", "no"]), .required, help: "yes: permanent; no: temporary.")],
        remarks: [
          "Making an object permanent needs SeCreatePermanentPrivilege, which only SYSTEM holds by default "
            + "(STATUS_PRIVILEGE_NOT_HELD, Win32 1314, otherwise); making it temporary needs DELETE access on the handle. "
            + "A temporary object with no handles left loses its name at once.",
        ],
        examples: ["set object handle=0x1a4 permanent=yes"]
      ) { call in
        let api = try world.api()
        let h = try Parse.handle(call.args["handle"])
        if Parse.flag(call.args["permanent"]) {
          try native("NtMakePermanentObject", api.nt.call { $0.NtMakePermanentObject(h) })
        } else {
          try native("NtMakeTemporaryObject", api.nt.call { $0.NtMakeTemporaryObject(h) })
        }
        call.out.ok()
      },
      CommandSpec(
        ["set", "handle"], "Changes a handle's inherit and protect-from-close flags (SetHandleInformation).",
        tags: [
          handleTag(world),
          TagSpec("inherit", .choice(["yes", "no"]), help: "HANDLE_FLAG_INHERIT."),
          TagSpec("protect", .choice(["yes", "no"]), help: "HANDLE_FLAG_PROTECT_FROM_CLOSE."),
        ]
      ) { call in
        let api = try world.api()
        let h = try Parse.handle(call.args["handle"])
        guard let e = api.process.handleTable.entry(h) else { throw ObjectFailure.native("NtSetInformationObject", .invalidHandle) }
        let inherit = call.args["inherit"].map(Parse.flag) ?? e.isInheritable
        let protect = call.args["protect"].map(Parse.flag) ?? e.isProtected
        try win32("SetHandleInformation", api, api.SetHandleInformation(h, inherit: inherit, protectFromClose: protect))
        call.out.ok()
      },
      CommandSpec(
        ["set", "security"], "Replaces an object's DACL, owner or label (NtSetSecurityObject).",
        tags: [handleTag(world), TagSpec("sd", .text(placeholder: "sddl"), .required, help: "The new descriptor in SDDL.")],
        remarks: [
          "A DACL needs WRITE_DAC on the handle; an owner, a group or a mandatory label WRITE_OWNER; audit ACEs "
            + "ACCESS_SYSTEM_SECURITY (open the object with it, which takes SeSecurityPrivilege).",
          "The owner must be the acting user or a group it may own through (SE_GROUP_OWNER), unless SeRestorePrivilege "
            + "is enabled (STATUS_INVALID_OWNER); a label may not be above the process's integrity level "
            + "(STATUS_INVALID_LABEL). The same rules apply to sd= when an object is created.",
        ]
      ) { call in
        let api = try world.api()
        let h = try Parse.handle(call.args["handle"])
        let sd: SecurityDescriptor
        do { sd = try SDDL.parse(call.args["sd"] ?? "") } catch { throw ObjectFailure.message("sd: \(error)") }
        try native("NtSetSecurityObject", api.nt.call { $0.NtSetSecurityObject(h, sd) })
        call.out.ok()
      },
      CommandSpec(
        ["set", "process"], "Chooses the process the commands act as.",
        tags: [
          TagSpec("pid", .integer, help: "The process id.", complete: completePids(world)),
          TagSpec("image", .text(placeholder: "image"), help: "The first running process with this image name."),
        ],
        remarks: [
          "Commands then run with that process's token, handle table and session. ntsh acts through a thread of its "
            + "own in the chosen process (created on first use), as an injected thread would.",
        ],
        examples: ["set process image=services.exe", "set process pid=4", "set process image=ntsh.exe"]
      ) { call in
        let k = try world.kernel()
        let p: EProcess?
        if let pid = call.args.integer("pid") {
          p = UInt32(exactly: pid).flatMap { k.process(pid: $0) }
        } else if let image = call.args["image"] {
          p = k.processes.first { $0.imageName.lowercased() == image.lowercased() && $0.isAlive }
        } else {
          throw ShellError.missingRequired
        }
        guard let p, p.isAlive else { throw ObjectFailure.native("NtOpenProcess", .invalidCID) }
        world.act(as: p.imageName == "ntsh.exe" ? nil : p.pid)
        call.out.line("Acting as \(p.imageName) (pid \(p.pid)), \(p.token.userName), session \(p.sessionText).")
      },
      CommandSpec(
        ["set", "clock"], "Advances the virtual clock; threads whose timers fall due run on the way.",
        tags: [TagSpec("advance", .integer, .required, help: "Milliseconds to advance.")],
        remarks: ["The clock never moves by itself between commands: only waits, sleeps, run and this command move it."],
        examples: ["set clock advance=150"]
      ) { call in
        let k = try world.kernel()
        guard let ms = call.args.integer("advance"), ms >= 0, ms <= 365 * 86_400_000 else {
          throw ObjectFailure.message("advance is 0 to 31536000000 milliseconds.")
        }
        let left = k.dispatcher.remainingTicks / Dispatcher.ticksPerMillisecond
        guard ms <= left else {
          throw ObjectFailure.message(
            "The clock cannot pass \(SystemTime.format(Dispatcher.maxSystemTime)) UTC, the largest FILETIME: "
              + "\(left) ms are left. It did not move.")
        }
        k.dispatcher.advance(by: ms * Dispatcher.ticksPerMillisecond)
        world.drainConsole(call.out)
        call.out.line("Up time: \(Format.seconds(k.dispatcher.interruptTime)).")
        reportDeadlocks(k, call.out)
      },
      CommandSpec(
        ["set", "privilege"], "Enables or disables a privilege in the acting process's token (AdjustTokenPrivileges).",
        tags: [
          TagSpec("name", .text(placeholder: "privilege"), .required, help: "SeDebugPrivilege, debug, SeCreatePermanentPrivilege…"),
          TagSpec("state", .choice(["enabled", "disabled"]), help: "The new state.", default: "enabled"),
        ],
        remarks: ["A privilege the token does not hold cannot be enabled: ERROR_NOT_ALL_ASSIGNED (1300)."]
      ) { call in
        let api = try world.api()
        guard let p = Privilege.named(call.args["name"] ?? "") else { throw ObjectFailure.native("LookupPrivilegeValue", .noSuchPrivilege) }
        let token = try win32("OpenProcessToken", api, api.OpenProcessToken(.currentProcess, AccessMask(0x28)))
        defer { _ = api.CloseHandle(token) }
        try win32("AdjustTokenPrivileges", api, api.AdjustTokenPrivileges(token, p, enable: call.args["state"] != "disabled"))
        if api.lastError.code == 1300 {
          throw ObjectFailure.message(
            "AdjustTokenPrivileges returned TRUE with \(api.lastError)\n  The token does not hold \(p.name), so it cannot be enabled.")
        }
        call.out.ok()
      },
      CommandSpec(
        ["wait"], "Waits on handles (WaitForSingleObject / WaitForMultipleObjects); the machine runs meanwhile.",
        tags: [
          handleTag(world, "One or more handles, separated by commas (at most 64)."),
          TagSpec("timeout", .text(placeholder: "ms"), help: "Milliseconds, or infinite.", default: "infinite"),
          TagSpec("all", .choice(["yes", "no"]), help: "Wait for all of them (bWaitAll).", default: "no"),
        ],
        remarks: [
          "The virtual clock advances from timer to timer, running other processes' threads, until the wait is satisfied "
            + "or times out. A wait nothing can ever satisfy (no runnable thread, no timer, timeout infinite) is reported as "
            + "a deadlock instead of hanging.",
          "Needs SYNCHRONIZE on every handle (STATUS_ACCESS_DENIED otherwise).",
        ],
        examples: ["wait 0x1a4 timeout=1000", "wait handle=0x1a4,0x1a8 all=yes"]
      ) { call in
        let api = try world.api()
        let handles = try Parse.handles(call.args["handle"])
        let ms = try Parse.milliseconds(call.args["timeout"], default: Win32.INFINITE)
        let start = api.kernel.dispatcher.interruptTime
        let r = api.WaitForMultipleObjectsSynchronously(handles, Parse.flag(call.args["all"]), ms)
        world.drainConsole(call.out)
        let elapsed = (api.kernel.dispatcher.interruptTime - start) / Dispatcher.ticksPerMillisecond
        switch r {
        case .deadlock:
          reportDeadlocks(api.kernel, call.out)
          throw ObjectFailure.message(
            "The wait can never be satisfied: no thread can run and no timer is pending (a deadlock). It was abandoned.\n"
              + "  NTSTATUS: \(NTStatus.possibleDeadlock)")
        case .result(Win32.WAIT_FAILED):
          let function = handles.count == 1 ? "WaitForSingleObject" : "WaitForMultipleObjects"
          throw ObjectFailure.win32(function, api.lastError, api.lastStatus)
        case .result(let code):
          call.out.line("\(waitName(code)) after \(elapsed) ms.")
        }
      },
      CommandSpec(
        ["assign", "job"], "Assigns a process to a job (AssignProcessToJobObject).",
        tags: [
          TagSpec("job", .text(placeholder: "handle"), .required, help: "A job handle with JOB_OBJECT_ASSIGN_PROCESS."),
          TagSpec("pid", .integer, help: "The process id (opened with PROCESS_SET_QUOTA and PROCESS_TERMINATE).", complete: completePids(world)),
          TagSpec("process", .text(placeholder: "handle"), help: "Or a process handle."),
        ],
        remarks: ["The process holds a reference on the job from then on, so the job outlives its handles while the process lives."],
        examples: ["assign job job=0x1a8 pid=1234"]
      ) { call in
        let api = try world.api()
        let job = try Parse.handle(call.args["job"])
        if let text = call.args["process"] {
          try win32("AssignProcessToJobObject", api, api.AssignProcessToJobObject(job, try Parse.handle(text)))
        } else if let pid = call.args.integer("pid") {
          guard let p = UInt32(exactly: pid) else { throw ObjectFailure.message("pid is a process id.") }
          let ph = try win32("OpenProcess", api, api.OpenProcess(AccessMask(0x101), false, p))
          defer { _ = api.CloseHandle(ph) }
          try win32("AssignProcessToJobObject", api, api.AssignProcessToJobObject(job, ph))
        } else {
          throw ShellError.missingRequired
        }
        call.out.ok()
      },
      CommandSpec(
        ["terminate", "process"], "Terminates a process (OpenProcess + TerminateProcess).",
        tags: [TagSpec("pid", .integer, .required, help: "The process id.", complete: completePids(world)), TagSpec("code", .integer, help: "Exit code.", default: "1")]
      ) { call in
        let api = try world.api()
        guard let pid = call.args.integer("pid"), let p = UInt32(exactly: pid), let c = call.args.integer("code"),
          let code = UInt32(exactly: c)
        else { throw ObjectFailure.message("pid and code are 32-bit numbers.") }
        if p == api.process.pid { throw ObjectFailure.message("The acting process cannot terminate itself from the shell.") }
        let h = try win32("OpenProcess", api, api.OpenProcess(AccessMask(0x1), false, p))
        defer { _ = api.CloseHandle(h) }
        try win32("TerminateProcess", api, api.TerminateProcess(h, code))
        call.out.ok()
      },
      CommandSpec(
        ["terminate", "job"], "Terminates every process in a job (TerminateJobObject).",
        tags: [handleTag(world, "A job handle with JOB_OBJECT_TERMINATE."), TagSpec("code", .integer, help: "Exit code.", default: "1")]
      ) { call in
        let api = try world.api()
        guard let c = call.args.integer("code"), let code = UInt32(exactly: c) else { throw ObjectFailure.message("code is a 32-bit number.") }
        let h = try Parse.handle(call.args["handle"])
        if let job = api.process.job, api.process.handleTable.entry(h)?.object === job {
          throw ObjectFailure.message(
            "The job contains the acting process (\(api.process.imageName), pid \(api.process.pid)); the shell does not "
              + "terminate its own process.")
        }
        try win32("TerminateJobObject", api, api.TerminateJobObject(h, code))
        call.out.ok()
      },
    ]
  }

  /// `WAIT_OBJECT_0 (0)`, `WAIT_ABANDONED_0+1 (0x81)`, `WAIT_TIMEOUT (258)`.
  static func waitName(_ code: UInt32) -> String {
    switch code {
    case Win32.WAIT_TIMEOUT: return "WAIT_TIMEOUT (258)"
    case 0..<64: return code == 0 ? "WAIT_OBJECT_0 (0)" : "WAIT_OBJECT_0+\(code) (\(code))"
    case 0x80..<0xC0: return "WAIT_ABANDONED_0" + (code == 0x80 ? "" : "+\(code - 0x80)") + " (0x\(String(code, radix: 16)))"
    default: return "0x\(String(code, radix: 16))"
    }
  }

  /// Prints wait-for cycles through mutant owners, if the machine is idle with any.
  static func reportDeadlocks(_ k: Kernel, _ out: Output) {
    guard k.dispatcher.isIdle else { return }
    for cycle in k.dispatcher.deadlockCycles() {
      let path = cycle.map { "thread \($0.tid) of \($0.process.imageName) (pid \($0.process.pid))" }
      out.errorLine("Deadlock: " + path.joined(separator: " waits for a mutant owned by ") + " waits for a mutant owned by the first.")
    }
  }
}

import Kernel
import NTAPI
import NTCore
import Shell

/// The root context's machine commands: `start`, `run`, `restart`, `error`.
enum RootCommands {
  /// How long `run` lets a program run on the virtual clock before returning.
  static let runLimitMilliseconds: Int64 = 600_000

  static func all(_ world: ObjectWorld) -> [CommandSpec] {
    [
      CommandSpec(
        ["start"], "Starts a built-in program as a process and returns at once.",
        tags: [
          TagSpec("image", .text(placeholder: "image"), .required, help: "The program: \(programList).", complete: { _ in Programs.builtIn.map { $0.imageName } }),
          TagSpec("arguments", .text(placeholder: "arguments"), .rest, help: "Its command-line arguments."),
          inheritTag,
        ],
        remarks: [
          "The acting process creates it (CreateProcess) in its session with a copy of its token. The new process runs "
            + "until it first blocks, at the current instant; its console output appears before the next prompt, "
            + "prefixed with [IMAGE PID].",
          inheritRemark,
        ],
        examples: ["start notepad.exe", "start cmd.exe /c waitfor Go & echo released", "start notepad.exe inherit=yes"]
      ) { call in
        let api = try world.api()
        let line = commandLine(call)
        let pi = try ObjectContext.win32(
          "CreateProcess", api, api.CreateProcess(line, inheritHandles: Parse.flag(call.args["inherit"])))
        _ = api.CloseHandle(pi.thread)
        _ = api.CloseHandle(pi.process)
        world.track(pi.processId)
        call.out.line("Started \(api.kernel.process(pid: pi.processId)?.imageName ?? line), process id \(pi.processId).")
      },
      CommandSpec(
        ["run"], "Runs a built-in program to completion on the virtual clock, printing its output.",
        tags: [
          TagSpec("image", .text(placeholder: "image"), .required, help: "The program: \(programList).", complete: { _ in Programs.builtIn.map { $0.imageName } }),
          TagSpec("arguments", .text(placeholder: "arguments"), .rest, help: "Its command-line arguments."),
          inheritTag,
        ],
        remarks: [
          inheritRemark,
          "The clock advances from timer to timer while the program runs; other processes run too, and their output is "
            + "prefixed with [IMAGE PID]. If the program blocks with nothing left that could wake it (no runnable thread, "
            + "no timer), run returns and leaves it running; after \(runLimitMilliseconds / 60_000) minutes of virtual "
            + "time it returns as well.",
        ],
        examples: ["run cmd.exe /c echo hello", "run notepad.exe"]
      ) { call in
        let api = try world.api()
        let k = api.kernel
        let line = commandLine(call)
        let pi = try ObjectContext.win32(
          "CreateProcess", api, api.CreateProcess(line, inheritHandles: Parse.flag(call.args["inherit"])))
        _ = api.CloseHandle(pi.thread)
        defer { _ = api.CloseHandle(pi.process) }
        guard let process = k.process(pid: pi.processId) else { return }
        let outcome = k.dispatcher.run(until: { !process.isAlive }, limit: runLimitMilliseconds * Dispatcher.ticksPerMillisecond)
        world.drainConsole(call.out, foreground: pi.processId)
        switch outcome {
        case .done:
          if let code = process.exitStatus, code != 0 {
            call.out.line("\(process.imageName) exited with code \(code) (0x\(String(code, radix: 16))).")
          }
        case .idle:
          call.out.line("\(process.imageName) (pid \(pi.processId)) is waiting and nothing can wake it now; it keeps running.")
          ObjectContext.reportDeadlocks(k, call.out)
        case .limitReached:
          call.out.line("\(process.imageName) (pid \(pi.processId)) is still running after \(runLimitMilliseconds / 60_000) minutes of virtual time; it keeps running.")
        }
      },
      CommandSpec(
        ["restart"], "Restarts the machine: a fresh boot, keeping the boot configuration and installed services.",
        tags: [
          TagSpec("testsigning", .choice(["on", "off"]), help: "Whether test-signed drivers may load."),
          TagSpec("debug", .choice(["on", "off"]), help: "Whether local kernel debugging is allowed."),
          TagSpec("seed", .integer, help: "Seed of the address layout."),
          TagSpec("option", .text(placeholder: "name=value"), .multiple, help: "A boot option other parts read (a driver variant)."),
        ],
        remarks: [
          "Every process ends and every object goes; what Windows keeps across a reboot stays: the boot configuration "
            + "(bcdedit) and the installed services and driver images. Options given here stay for later restarts."
        ],
        examples: ["restart", "restart testsigning=off", "restart option=datastack=part3"]
      ) { call in
        var c = world.machine.configuration
        if let t = call.args["testsigning"] { c.testSigning = t == "on" }
        if let d = call.args["debug"] { c.debug = d == "on" }
        if let s = call.args.integer("seed") {
          guard let seed = UInt64(exactly: s) else { throw ObjectFailure.message("seed is 0 to \(Int.max).") }
          c.seed = seed
        }
        for o in call.args.all("option") {
          guard let eq = o.firstIndex(of: "="), eq != o.startIndex else {
            throw ObjectFailure.message("'\(o)' is not name=value.")
          }
          c.options[String(o[..<eq])] = String(o[o.index(after: eq)...])
        }
        world.machine.restart(c)
        world.act(as: nil)
        world.reportedBugCheck = false
        call.out.line("Restarted: test signing \(c.testSigning ? "on" : "off"), debug \(c.debug ? "on" : "off"), seed \(c.seed).")
      },
      CommandSpec(
        ["error"], "Explains an NTSTATUS, Win32 error or HRESULT (like !error and net helpmsg).",
        tags: [TagSpec("code", .text(placeholder: "code"), .required, help: "A number (0xC0000034, 2, -1073741790) or a name (STATUS_ACCESS_DENIED, ERROR_FILE_NOT_FOUND, E_FAIL).")],
        remarks: ["Numbers below 0x10000 are read as Win32 errors (and as NTSTATUS values too when one exists); larger ones as NTSTATUS or HRESULT."],
        examples: ["error 0xc0000034", "error 2", "error STATUS_PRIVILEGE_NOT_HELD", "error 0x80070005"]
      ) { call in
        let code = call.args["code"] ?? ""
        guard let lines = ErrorLookup.explain(code) else {
          throw ObjectFailure.message("'\(code)' is not an NTSTATUS, Win32 error or HRESULT value or name.")
        }
        for l in lines { call.out.line(l) }
      },
    ]
  }

  /// bInheritHandles of CreateProcess. Listed after the arguments so a bare word after the image
  /// starts the arguments; as a tag it binds anywhere before them.
  static var inheritTag: TagSpec {
    TagSpec(
      "inherit", .choice(["yes", "no"]), help: "Whether the child inherits the inheritable handles (bInheritHandles).",
      default: "no")
  }

  static let inheritRemark =
    "With inherit=yes (written before the program's arguments) the child gets a copy of each of the acting process's "
      + "inheritable handles at the same value, as CreateProcess with bInheritHandles=TRUE; cmd's own start never "
      + "passes them on."

  static var programList: String { Programs.builtIn.map { $0.imageName }.joined(separator: ", ") }

  static func commandLine(_ call: CommandCall) -> String {
    ([call.args["image"] ?? ""] + call.args.all("arguments")).map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
  }
}

import BPF
import EBPFRuntime
import Kernel
import Shell

#if canImport(Glibc)
  import Glibc
#endif

/// Running programs by hand: `test program` (bpftool's `prog run`: a context, a run or many, the
/// return value and the average duration), `trace program` (one run, instruction by instruction,
/// with the registers each one changed), and `show printk` (the trace buffer).
enum RunCommands {
  static func all(_ world: EbpfWorld) -> [CommandSpec] { [test(world), trace(world), printk(world)] }

  static var inputTags: [TagSpec] {
    [
      TagSpec(
        "set", .text(placeholder: "field=value"), .multiple,
        help: "A context field (process_id=1234, protocol=17, user_ip4=10.0.0.1 …); repeat for more."),
      TagSpec(
        "data", .text(placeholder: "data"),
        help:
          "What the context's data pointers cover: text:…, utf16:… or hex:…; a bind program gets the process's app id by default."
      ),
      TagSpec(
        "pid", .integer,
        help: "The process the program runs for (bpf_get_current_pid_tgid, the app id); by default ntsh.exe."),
    ]
  }

  static let inputRemarks =
    "The context starts as the hook would build it for the process (a bind: its pid and app id, operation BIND, "
    + "TCP, 0.0.0.0:0; other types: zero), then set= changes fields by their C names — numbers, IPv4 addresses "
    + "(stored in network order) or hex:…."

  /// The program and its input from a command's tags.
  static func input(_ call: CommandCall, _ world: EbpfWorld) throws -> (ProgramObject, HookInput, CallerIdentity) {
    let core = try world.core()
    let reference = call.args["id"] ?? ""
    guard let program = core.findProgram(reference) else {
      throw ShellError.failed("There is no program '\(reference)'.")
    }
    let process = try world.process(call)
    let caller = world.host.identity(of: process, thread: nil)
    let type = program.programType
    var input: HookInput
    if type.number == ProgramType.bind.number {
      input =
        BindEvent(
          processID: UInt64(process.pid), port: 0, protocol: 6, operation: 0, appID: world.host.appID(of: process)
        ).input
    } else {
      input = HookInput.empty(for: type)
      if type.number == ProgramType.xdp.number { _ = input.set(field: "ingress_ifindex", of: type, to: 1) }
    }
    // The run happens as at the program's own hook (what layer-dependent helpers look at).
    input.extras.attachTypeNumber = program.expectedAttachType?.number ?? 0
    if let data = call.args["data"] {
      do {
        input.data = try ValueCodec.bytes(data)
        input.dataStart = 0
      } catch {
        throw ShellError.failed("data= is not valid: \(error.description).")
      }
    }
    for assignment in call.args.all("set") {
      guard let eq = assignment.firstIndex(of: "=") else {
        throw ShellError.failed("set=\(assignment) is not field=value.")
      }
      let name = String(assignment[..<eq])
      let text = String(assignment[assignment.index(after: eq)...])
      guard let field = type.context.field(named: name), field.kind != .pointer else {
        let names = type.context.fields.filter { $0.kind != .pointer }.map(\.name).joined(separator: ", ")
        throw ShellError.failed("\(type.context.typeName) has no settable field '\(name)' (fields: \(names)).")
      }
      var bytes: [UInt8]
      do {
        bytes = try ValueCodec.encode(text, size: field.size, type: nil, btf: nil)
        // Ports are stored in network order: a number given for one is a port number.
        if name.hasSuffix("port"), let port = Arguments.parseInteger(text).flatMap({ UInt16(exactly: $0) }) {
          bytes = [UInt8(port >> 8), UInt8(port & 0xff)] + [UInt8](repeating: 0, count: field.size - 2)
        }
      } catch {
        throw ShellError.failed("\(name)=\(text) is not valid: \(error.description).")
      }
      _ = input.set(field: name, of: type, bytes: bytes)
    }
    return (program, input, caller)
  }

  // MARK: test program

  static func test(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["test", "program"], "Runs an eBPF program on a context (bpftool's prog run).",
      tags: [
        TagSpec(
          "id", .text(placeholder: "id|name"), .required, help: "The program.",
          complete: ProgramCommands.programIDs(world))
      ]
        + inputTags + [TagSpec("repeat", .integer, help: "Runs this many times (at most 10000000).", default: "1")],
      remarks: [
        inputRemarks,
        "Prints bpftool's line, `Return value: R, duration (average): Dns` (the duration is measured on this "
          + "computer and varies), then the context fields the program changed. Maps change as they would on the hook.",
      ],
      examples: [
        "test program 3", "test program TraceConnections pid=1000 repeat=100000", "test program 7 set=user_port=8080",
      ]
    ) { call in
      let (program, input, caller) = try input(call, world)
      guard let repeatCount = call.args.integer("repeat"), repeatCount >= 1, repeatCount <= 10_000_000 else {
        throw ShellError.failed("repeat= must be between 1 and 10000000.")
      }
      let core = try world.core()
      var last: Result<RunReport, Fault> = .failure(Fault(pc: 0, reason: .pcOutOfRange, instructionsExecuted: 0))
      let start = monotonicNanoseconds()
      for _ in 0..<repeatCount {
        last = core.run(program, input: input, caller: caller)
        if case .failure = last { break }
      }
      let elapsed = monotonicNanoseconds() &- start
      switch last {
      case .failure(let fault):
        throw ShellError.failed("The program faulted: \(fault.description).")
      case .success(let report):
        let average = elapsed / UInt64(repeatCount)
        call.out.line(
          "Return value: \(UInt32(truncatingIfNeeded: report.returnValue)), duration\(repeatCount > 1 ? " (average)" : ""): \(average)ns"
        )
        for line in changes(program.programType, before: input.context, after: report.output?.context ?? input.context)
        {
          call.out.line(line)
        }
        if let redirect = report.output?.redirectContext {
          call.out.line("redirect context: " + ValueCodec.hex(redirect))
        }
      }
    }
  }

  /// `ctx.field: old -> new` for each field a run changed.
  static func changes(_ type: ProgramType, before: [UInt8], after: [UInt8]) -> [String] {
    var lines: [String] = []
    for f in type.context.fields where f.kind != .pointer && f.end <= before.count && f.end <= after.count {
      let old = Array(before[f.offset..<f.end])
      let new = Array(after[f.offset..<f.end])
      guard old != new else { continue }
      // Union members share bytes: report the wider one once.
      if lines.contains(where: { $0.hasPrefix("ctx.\(f.name.dropLast()))") }) { continue }
      lines.append("ctx.\(f.name): \(fieldText(f, old)) -> \(fieldText(f, new))")
    }
    return lines
  }

  static func fieldText(_ f: ContextDescriptor.Field, _ bytes: [UInt8]) -> String {
    if f.name.hasSuffix("port"), bytes.count >= 2 { return String(UInt16(bytes[0]) << 8 | UInt16(bytes[1])) }
    if f.kind == .bytes, bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
    if f.kind == .bytes { return ValueCodec.hex(bytes) }
    var v: UInt64 = 0
    for (i, b) in bytes.prefix(8).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
    return String(v)
  }

  static func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
  }

  // MARK: trace program

  static func trace(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["trace", "program"], "Runs an eBPF program once, showing each instruction and the registers it changed.",
      tags: [
        TagSpec(
          "id", .text(placeholder: "id|name"), .required, help: "The program.",
          complete: ProgramCommands.programIDs(world))
      ]
        + inputTags + [TagSpec("limit", .integer, help: "Instructions to show at most.", default: "2000")],
      remarks: [
        inputRemarks,
        "Each line is `pc: instruction` and the registers it changed with their new values; calls into a function "
          + "indent, and a tail call names the program it enters. The run is real: maps change.",
      ],
      examples: ["trace program 3", "trace program count_binds pid=1000"]
    ) { call in
      let (program, input, caller) = try input(call, world)
      let limit = max(1, Int(clamping: call.args.integer("limit") ?? 2000))
      let core = try world.core()
      var shown = 0
      var current = ""
      // Events report the frame depth after the instruction; show each at the depth it ran in.
      var depth = 0
      let type = program.programType
      let syntax = KernelSyntax { id in Listing.helperText(id, type: type) }
      let result = core.run(program, input: input, caller: caller) { event in
        guard shown < limit else { return }
        shown += 1
        if event.programName != current {
          current = event.programName
          depth = 0
          call.out.line("\(current):")
        }
        let indent = String(repeating: "  ", count: depth)
        depth = event.depth
        let text = indent + String(event.pc).right(4) + ": " + syntax.text(event.instruction, at: event.pc)
        let changed = event.changes.map { "\($0.register) = \(hexValue($0.new))" }.joined(separator: ", ")
        call.out.line(changed.isEmpty ? text : text.left(52) + "  " + changed)
      }
      switch result {
      case .failure(let fault):
        throw ShellError.failed("The program faulted: \(fault.description).")
      case .success(let report):
        if report.instructions > UInt64(limit) {
          call.out.line("… \(report.instructions - UInt64(limit)) more instructions")
        }
        call.out.line(
          "Return value: \(UInt32(truncatingIfNeeded: report.returnValue)) after \(report.instructions) instructions")
      }
    }
  }

  static func hexValue(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

  // MARK: show printk

  static func printk(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["show", "printk"], "Shows what programs printed with bpf_printk (and faults of hooked runs).",
      tags: [
        TagSpec("clear", .choice(["no", "yes"]), help: "Empty the buffer after showing it.", default: "no"),
        Netsh.format,
      ],
      remarks: [
        "Windows sends printk output to ETW; ntsh keeps it in a buffer of \(EbpfCore.traceCapacity) lines. Each line: "
          + "seconds since boot, the process id, the program and the text."
      ],
      examples: ["show printk", "show printk clear=yes"]
    ) { call in
      let core = try world.core()
      if EbpfWorld.wantsJSON(call) {
        call.out.write(
          JSONValue.array(
            core.trace.map {
              .object([
                ("time_ns", .number($0.time &* 100)), ("pid", .unsigned(UInt64($0.processID))),
                ("prog_id", .unsigned(UInt64($0.programID))),
                ("prog_name", .string($0.programName)), ("kind", .string($0.kind == .printk ? "printk" : "fault")),
                ("text", .string($0.text)),
              ])
            }
          ).text)
      } else {
        if core.droppedTraceRecords > 0 { call.out.line("(\(core.droppedTraceRecords) older lines were dropped)") }
        for r in core.trace {
          let micro = r.time / 10
          let fraction = String(micro % 1_000_000)
          let time = "\(micro / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
          call.out.line("\(time.right(12))  \(String(r.processID).right(5))  \(r.programName): \(r.text)")
        }
      }
      if call.args["clear"] == "yes" { core.clearTrace() }
    }
  }
}

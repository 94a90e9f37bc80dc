import EBPFRuntime
import Kernel
import NTCore
import Shell

/// Hook events by hand: `fire bind|connect|sockops|packet` raise the kernel event a socket call or
/// an arriving frame would raise, as the chosen process, with every field settable; the hooks run
/// their programs exactly as for a real call. `fire sample` invokes the sample extension's hook
/// (which only its test driver triggers on Windows too). Each prints what every hook did.
enum FireCommands {
  static func all(_ world: EbpfWorld) -> [CommandSpec] {
    [bind(world), connect(world), sockops(world), packet(world), sample(world)]
  }

  static func pidTag() -> TagSpec {
    TagSpec("pid", .integer, help: "The process the event comes from (its app id, token, pid); by default ntsh.exe.")
  }

  static func protocolTag() -> TagSpec {
    TagSpec("protocol", .text(placeholder: "tcp|udp|number"), help: "The IP protocol.", default: "tcp")
  }

  static func protocolNumber(_ call: CommandCall) throws -> UInt64 {
    switch (call.args["protocol"] ?? "tcp").lowercased() {
    case "tcp": return 6
    case "udp": return 17
    case let text:
      guard let n = Arguments.parseInteger(text), n >= 0, n <= 255 else {
        throw ShellError.failed("'\(text)' is not tcp, udp or a protocol number.")
      }
      return UInt64(n)
    }
  }

  static func port(_ call: CommandCall, _ tag: String) throws -> UInt64 {
    guard let text = call.args[tag] else { return 0 }
    guard let n = Arguments.parseInteger(text), n >= 0, n <= 65_535 else {
      throw ShellError.failed("\(tag)=\(text) is not a port (0-65535).")
    }
    return UInt64(n)
  }

  /// The addresses given for these tags (IPv4 dotted or IPv6) and the family they imply (AF_INET 2,
  /// AF_INET6 23): the family follows whichever addresses are given (IPv4 when none is); a tag not
  /// given is the unspecified address of that family. Two given addresses of different families
  /// are an error.
  static func addresses(_ call: CommandCall, _ tags: [String]) throws -> (family: UInt64, bytes: [[UInt8]]) {
    var given: [String: [UInt8]] = [:]
    for tag in tags {
      guard call.args.has(tag), let text = call.args[tag] else { continue }
      guard let bytes = IPAddress.parse(text) else {
        throw ShellError.failed("\(tag)=\(text) is not an IPv4 or IPv6 address.")
      }
      given[tag] = bytes
    }
    let sizes = Set(given.values.map(\.count))
    guard sizes.count <= 1 else {
      let named = tags.filter { given[$0] != nil }.map { "\($0)=\(call.args[$0] ?? "")" }
      throw ShellError.failed("\(named.joined(separator: " and ")) are not of the same family (IPv4 and IPv6).")
    }
    let size = sizes.first ?? 4
    return (size == 16 ? 23 : 2, tags.map { given[$0] ?? [UInt8](repeating: 0, count: size) })
  }

  /// Raises an event and prints what the hooks did.
  static func raise(_ call: CommandCall, _ world: EbpfWorld, kind: String, fields: [String: UInt64], payload: [UInt8])
    throws
  {
    _ = try world.core()
    let process = try world.process(call)
    guard let fired = world.host.fire(kind, pid: process.pid, fields: fields, payload: payload) else {
      throw ShellError.failed("Process \(process.pid) is not running.")
    }
    report(call, fired.hooks)
    call.out.line(fired.verdicts.allSatisfy { $0 == 0 } ? "The operation is permitted." : "The operation is refused.")
  }

  static func report(_ call: CommandCall, _ hooks: [(hook: String, outcome: HookOutcome)]) {
    for (hook, outcome) in hooks {
      if outcome.runs.isEmpty {
        call.out.line("\(hook): no program attached")
        continue
      }
      for run in outcome.runs {
        let who = "\(hook): \(run.program.name) (id \(run.program.id))"
        switch run.result {
        case .success(let report):
          let value = Int64(Int32(truncatingIfNeeded: report.returnValue))
          let name = run.program.programType.verdict?.name(of: value).map { " (\($0))" } ?? ""
          let tails =
            report.tailCalls == 0 ? "" : " after \(report.tailCalls) tail call\(report.tailCalls == 1 ? "" : "s")"
          call.out.line("\(who) returned \(value)\(name)\(tails)")
        case .failure(let fault):
          call.out.line("\(who) faulted: \(fault.description)")
        }
      }
    }
  }

  // MARK: Events

  static func bind(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["fire", "bind"], "Raises a bind (or unbind) as a process would: the bind and sock_addr bind hooks run.",
      tags: [
        pidTag(),
        TagSpec(
          "address", .text(placeholder: "address"),
          help: "The local address (IPv4 or IPv6; IPv6 reaches only cgroup/bind6); by default 0.0.0.0."),
        TagSpec("port", .integer, help: "The local port.", default: "0"),
        protocolTag(),
        TagSpec("operation", .choice(["bind", "post_bind", "unbind"]), help: "The bind operation.", default: "bind"),
      ],
      remarks: [
        "The bind hook sees the process's app id (its image as WFP names it, from the last backslash on); it is "
          + "IPv4 only, so an IPv6 address reaches only the sock_addr bind6 hook."
      ],
      examples: [
        "fire bind pid=1000 port=8080", "fire bind port=53 protocol=udp operation=unbind", "fire bind address=::1 port=80",
      ]
    ) { call in
      let (family, bytes) = try addresses(call, ["address"])
      let operation = call.args["operation"] ?? "bind"
      var fields: [String: UInt64] = [
        NetworkEvent.Field.family: family, NetworkEvent.Field.port: try port(call, "port"),
        NetworkEvent.Field.protocol: try protocolNumber(call),
      ]
      if operation == "post_bind" { fields[NetworkEvent.Field.operation] = 1 }
      try raise(
        call, world, kind: operation == "unbind" ? NetworkEvent.unbind : NetworkEvent.bind, fields: fields,
        payload: bytes[0])
    }
  }

  static func connect(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["fire", "connect"], "Raises a sock_addr event (connect, authorization, accept, listen) as a process would.",
      tags: [
        pidTag(),
        TagSpec(
          "remote", .text(placeholder: "address"), help: "The remote address (IPv4 or IPv6); by default the unspecified address of local='s family."),
        TagSpec("remoteport", .integer, help: "The remote port.", default: "0"),
        TagSpec(
          "local", .text(placeholder: "address"),
          help: "The local address; by default the unspecified address of remote='s family (IPv4 when neither is given)."),
        TagSpec("localport", .integer, help: "The local port.", default: "0"),
        protocolTag(),
        TagSpec(
          "layer", .choice(["connect", "connect_authorization", "recv_accept", "listen"]),
          help: "Which sock_addr hook.", default: "connect"),
        TagSpec("compartment", .integer, help: "The network compartment.", default: "1"),
        TagSpec("cookie", .integer, help: "The socket cookie bpf_get_socket_cookie returns.", default: "0"),
      ],
      examples: [
        "fire connect remote=10.0.0.5 remoteport=80",
        "fire connect remote=::1 remoteport=443 layer=connect_authorization",
      ]
    ) { call in
      let (family, bytes) = try addresses(call, ["local", "remote"])
      let (local, remote) = (bytes[0], bytes[1])
      let kinds = [
        "connect": NetworkEvent.connect, "connect_authorization": NetworkEvent.connectAuthorization,
        "recv_accept": NetworkEvent.recvAccept, "listen": NetworkEvent.listen,
      ]
      guard let compartment = call.args.integer("compartment").flatMap({ UInt64(exactly: $0) }),
        let cookie = call.args.integer("cookie")
      else { throw ShellError.invalidSyntax }
      try raise(
        call, world, kind: kinds[call.args["layer"] ?? "connect"] ?? NetworkEvent.connect,
        fields: [
          NetworkEvent.Field.family: family, NetworkEvent.Field.port: try port(call, "localport"),
          NetworkEvent.Field.remotePort: try port(call, "remoteport"),
          NetworkEvent.Field.protocol: try protocolNumber(call),
          NetworkEvent.Field.compartment: compartment, NetworkEvent.Field.cookie: UInt64(bitPattern: cookie),
        ], payload: local + remote)
    }
  }

  static func sockops(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["fire", "sockops"], "Raises a connection established or deleted event (the sock_ops hook).",
      tags: [
        pidTag(),
        TagSpec(
          "op", .choice(["active", "passive", "deleted"]), help: "Active or passive establishment, or deletion.",
          default: "active"),
        TagSpec(
          "remote", .text(placeholder: "address"),
          help: "The remote address; by default the unspecified address of local='s family."),
        TagSpec("remoteport", .integer, help: "The remote port.", default: "0"),
        TagSpec(
          "local", .text(placeholder: "address"),
          help: "The local address; by default the unspecified address of remote='s family (IPv4 when neither is given)."),
        TagSpec("localport", .integer, help: "The local port.", default: "0"),
        protocolTag(),
        TagSpec("flow", .integer, help: "The WFP flow id.", default: "0"),
      ],
      examples: ["fire sockops remote=127.0.0.1 remoteport=80 localport=49152"]
    ) { call in
      let (family, bytes) = try addresses(call, ["local", "remote"])
      let (local, remote) = (bytes[0], bytes[1])
      guard let flow = call.args.integer("flow") else { throw ShellError.invalidSyntax }
      let op = call.args["op"] ?? "active"
      var fields: [String: UInt64] = [
        NetworkEvent.Field.family: family, NetworkEvent.Field.port: try port(call, "localport"),
        NetworkEvent.Field.remotePort: try port(call, "remoteport"),
        NetworkEvent.Field.protocol: try protocolNumber(call),
        NetworkEvent.Field.flow: UInt64(bitPattern: flow),
      ]
      if op == "passive" { fields[NetworkEvent.Field.passive] = 1 }
      try raise(
        call, world, kind: op == "deleted" ? NetworkEvent.deleted : NetworkEvent.established, fields: fields,
        payload: local + remote)
    }
  }

  static func packet(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["fire", "packet"], "Delivers a frame to an interface (the XDP hook).",
      tags: [
        TagSpec(
          "data", .text(placeholder: "hex:…"), .required, help: "The frame from its Ethernet header on (hex:…, text:…)."
        ),
        TagSpec("interface", .integer, help: "The interface index (1 loopback, 4 Ethernet).", default: "4"),
        pidTag(),
      ],
      examples: ["fire packet data=hex:ffffffffffff00155d010203080045000020000000004011000000000000ffffffff"]
    ) { call in
      let frame: [UInt8]
      do {
        frame = try ValueCodec.bytes(call.args["data"] ?? "")
      } catch {
        throw ShellError.failed("data= is not valid: \(error).")
      }
      guard let index = call.args.integer("interface").flatMap({ UInt64(exactly: $0) }) else {
        throw ShellError.invalidSyntax
      }
      try raise(call, world, kind: NetworkEvent.packet, fields: [NetworkEvent.Field.interface: index], payload: frame)
    }
  }

  static func sample(_ world: EbpfWorld) -> CommandSpec {
    CommandSpec(
      ["fire", "sample"], "Invokes the sample extension's hook with data and numbers.",
      tags: [
        TagSpec("data", .text(placeholder: "data"), help: "The data (text:…, utf16:…, hex:…).", default: "text:"),
        TagSpec("uint32", .integer, help: "uint32_data.", default: "0"),
        TagSpec("uint16", .integer, help: "uint16_data.", default: "0"),
        TagSpec("helper1", .integer, help: "helper_data_1.", default: "0"),
        TagSpec("helper2", .integer, help: "helper_data_2.", default: "0"),
        pidTag(),
      ],
      examples: ["fire sample data=text:hello uint32=42"]
    ) { call in
      let core = try world.core()
      let process = try world.process(call)
      let data: [UInt8]
      do {
        data = try ValueCodec.bytes(call.args["data"] ?? "text:")
      } catch {
        throw ShellError.failed("data= is not valid: \(error).")
      }
      func number<T: FixedWidthInteger>(_ tag: String, _: T.Type) throws -> T {
        guard let v = call.args.integer(tag), let n = T(exactly: v) else {
          throw ShellError.failed("\(tag)= is out of range.")
        }
        return n
      }
      let event = SampleEvent(
        data: data, uint32Data: try number("uint32", UInt32.self), uint16Data: try number("uint16", UInt16.self),
        helperData1: try number("helper1", UInt32.self), helperData2: try number("helper2", UInt32.self))
      guard let attach = AttachType.withNumber(8) else { return }
      let outcome = core.invoke(attach, input: event.input, caller: world.host.identity(of: process, thread: nil))
      report(call, [(attach.name, outcome)])
    }
  }
}

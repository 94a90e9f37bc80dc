import Kernel

/// eBPF for Windows installed on a machine: one ``EbpfCore`` per boot (a restart unloads every
/// program, as a reboot does), hooked into the kernel's network events the way netebpfext's WFP
/// callouts are: each event becomes a hook invocation as the process that raised it, and the
/// hook's verdict goes back to the socket call.
public final class EbpfHost {
  /// The machine.
  public let machine: Machine
  private var boot = -1
  private var current: EbpfCore?
  /// App id blobs and where the program's part starts, by process id (an image does not change).
  private var appIDs: [UInt32: (blob: [UInt8], start: Int)] = [:]
  /// What the hooks did during the last ``fire(_:pid:fields:payload:)`` (and every event since it).
  public private(set) var recentOutcomes: [(hook: String, outcome: HookOutcome)] = []
  /// True while outcomes are recorded (only around a fire; events from programs are not kept).
  private var recording = false

  /// Installs eBPF on a machine; nothing happens until the runtime is first used.
  public init(machine: Machine) {
    self.machine = machine
  }

  /// The kernel, booting the machine if it has not booted.
  public var kernel: Kernel { machine.kernel }

  /// The runtime of the running boot (created, and its hooks registered, on first use after a boot).
  public var core: EbpfCore {
    let k = machine.kernel
    if let c = current, boot == machine.bootCount { return c }
    let c = EbpfCore(
      clock: MachineClock(
        interruptTime: { [unowned k] in k.dispatcher.interruptTime },
        systemTime: { [unowned k] in k.dispatcher.systemTime }),
      seed: machine.configuration.seed)
    current = c
    boot = machine.bootCount
    appIDs = [:]
    register(on: k)
    return c
  }

  /// The runtime if one exists for the running boot (without creating it).
  public var existingCore: EbpfCore? { boot == machine.bootCount && machine.isBooted ? current : nil }

  /// Who a process is, for the helpers.
  public func identity(of process: EProcess, thread: EThread?) -> CallerIdentity {
    let t = thread ?? process.threads.first(where: \.isAlive) ?? process.threads.first
    return CallerIdentity(
      processID: process.pid, threadID: t?.tid ?? 0,
      logonID: process.token.authenticationId, isAdministrator: process.token.isAdministrator,
      processStartKey: UInt64(machine.bootCount & 0xffff) << 48 | UInt64(process.pid),
      threadCreateTime: machine.kernel.dispatcher.bootSystemTime &+ (t?.createTime ?? 0))
  }

  /// The app id blob WFP gives for a process.
  public func appID(of process: EProcess) -> [UInt8] { appIDEntry(of: process).blob }

  private func appIDEntry(of process: EProcess) -> (blob: [UInt8], start: Int) {
    if let a = appIDs[process.pid] { return a }
    let blob = AppID.blob(imageName: process.imageName, commandLine: process.commandLine)
    let a = (blob, AppID.lastComponentOffset(blob))
    appIDs[process.pid] = a
    return a
  }

  /// Raises a network event by hand, as process `pid`; returns the listeners' verdicts and what the
  /// eBPF hooks did with it.
  public func fire(_ kind: String, pid: UInt32, fields: [String: UInt64], payload: [UInt8]) -> (
    verdicts: [Int64], hooks: [(hook: String, outcome: HookOutcome)]
  )? {
    _ = core
    let k = machine.kernel
    guard let process = k.process(pid: pid), process.isAlive else { return nil }
    recentOutcomes = []
    recording = true
    defer { recording = false }
    let verdicts = k.raise(
      KernelEvent(
        kind: kind, process: process, thread: process.threads.first(where: \.isAlive), fields: fields, payload: payload)
    )
    return (verdicts, recentOutcomes)
  }

  // MARK: Hooks

  private func register(on k: Kernel) {
    k.addEventListener(NetworkEvent.bind) { [weak self] e in
      self?.bind(e, operation: e.fields[NetworkEvent.Field.operation] ?? 0) ?? 0
    }
    k.addEventListener(NetworkEvent.unbind) { [weak self] e in self?.bind(e, operation: 2) ?? 0 }
    k.addEventListener(NetworkEvent.listen) { [weak self] e in self?.sockAddr(e, .listen) ?? 0 }
    k.addEventListener(NetworkEvent.connect) { [weak self] e in self?.sockAddr(e, .connect) ?? 0 }
    k.addEventListener(NetworkEvent.connectAuthorization) { [weak self] e in
      self?.sockAddr(e, .connectAuthorization) ?? 0
    }
    k.addEventListener(NetworkEvent.recvAccept) { [weak self] e in self?.sockAddr(e, .recvAccept) ?? 0 }
    k.addEventListener(NetworkEvent.established) { [weak self] e in
      self?.sockOps(e, op: e.fields[NetworkEvent.Field.passive] == 1 ? 1 : 0) ?? 0
    }
    k.addEventListener(NetworkEvent.deleted) { [weak self] e in self?.sockOps(e, op: 2) ?? 0 }
    k.addEventListener(NetworkEvent.packet) { [weak self] e in self?.packet(e) ?? 0 }
  }

  /// Keeps what a hook did while a fire records (the name is built only then).
  private func record(_ hook: @autoclosure () -> String, _ outcome: @autoclosure () -> HookOutcome) {
    if recording { recentOutcomes.append((hook(), outcome())) }
  }

  private func owner(_ e: KernelEvent) -> CallerIdentity { identity(of: e.process, thread: e.thread) }

  private static func addresses(_ e: KernelEvent) -> (family: UInt32, local: [UInt8], remote: [UInt8]) {
    let family = UInt32(truncatingIfNeeded: e.fields[NetworkEvent.Field.family] ?? 2)
    let size = family == 23 ? 16 : 4
    let local = Array(e.payload.prefix(size)) + [UInt8](repeating: 0, count: max(0, size - e.payload.count))
    let rest = e.payload.dropFirst(size)
    let remote = Array(rest.prefix(size)) + [UInt8](repeating: 0, count: max(0, size - rest.count))
    return (family, local, remote)
  }

  /// The bind hook (IPv4 only, as netebpfext builds a `SOCKADDR_IN`) and, for binds, sock_addr's bind4/6.
  private func bind(_ e: KernelEvent, operation: UInt64) -> Int64 {
    guard let core = existingCore else { return 0 }
    let (family, local, _) = Self.addresses(e)
    let port = UInt16(truncatingIfNeeded: e.fields[NetworkEvent.Field.port] ?? 0)
    let proto = UInt8(truncatingIfNeeded: e.fields[NetworkEvent.Field.protocol] ?? 6)
    var verdict: Int64 = 0
    if family == 2 {
      let app = appIDEntry(of: e.process)
      let event = BindEvent(
        processID: UInt64(e.process.pid), address: local, port: port, protocol: proto,
        operation: UInt32(truncatingIfNeeded: operation), appID: app.blob, appIDStart: app.start)
      let outcome = core.invoke(bind: event, caller: owner(e), keepRuns: recording)
      record("bind", outcome)
      // An unbind cannot be refused.
      if !outcome.permitted && operation != 2 { verdict = 1 }
    }
    if operation == 0, verdict == 0 {
      verdict = sockAddr(e, .bind)
    }
    return verdict
  }

  /// sock_addr's layers (the attach types' names without the family digit).
  enum SockAddrLayer: String, CaseIterable {
    case bind = "cgroup/bind"
    case listen = "cgroup/listen"
    case connect = "cgroup/connect"
    case connectAuthorization = "cgroup/connect_authorization"
    case recvAccept = "cgroup/recv_accept"

    /// The attach type for IPv4 (family 2) or IPv6 (23), looked up once.
    func attachType(family: UInt32) -> AttachType? {
      Self.attachTypes[self]?[family == 23 ? 1 : 0]
    }

    private static let attachTypes: [SockAddrLayer: [AttachType?]] = Dictionary(
      uniqueKeysWithValues: allCases.map { layer in
        (layer, ["4", "6"].map { digit in AttachType.all.first { $0.name == layer.rawValue + digit } })
      })
  }

  private func sockAddr(_ e: KernelEvent, _ layer: SockAddrLayer) -> Int64 {
    guard let core = existingCore else { return 0 }
    let family = UInt32(truncatingIfNeeded: e.fields[NetworkEvent.Field.family] ?? 2)
    guard let attach = layer.attachType(family: family), core.hasPrograms(at: attach) else {
      record(layer.rawValue + (family == 23 ? "6" : "4"), HookOutcome(programTypeNumber: ProgramType.sockAddr.number))
      return 0
    }
    let (_, local, remote) = Self.addresses(e)
    let compartment = UInt32(truncatingIfNeeded: e.fields[NetworkEvent.Field.compartment] ?? 1)
    let localPort = UInt16(truncatingIfNeeded: e.fields[NetworkEvent.Field.port] ?? 0)
    let remotePort = UInt16(truncatingIfNeeded: e.fields[NetworkEvent.Field.remotePort] ?? 0)
    var proto = UInt32(truncatingIfNeeded: e.fields[NetworkEvent.Field.protocol] ?? 6)
    // Which side goes where follows netebpfext (net_ebpf_ext_sock_addr.c): connect and
    // connect_authorization (egress) put the local side in msg_src_* and the remote in user_*;
    // recv_accept (ingress) the other way round; bind (copy_wfp_bind_fields) puts the address being
    // bound in user_* and zeroes msg_src_*; listen (copy_wfp_listen_fields) puts the local address in
    // both and the protocol is always TCP.
    let msgSrc: (ip: [UInt8], port: UInt16)
    let user: (ip: [UInt8], port: UInt16)
    switch layer {
    case .recvAccept:
      (msgSrc, user) = ((remote, remotePort), (local, localPort))
    case .bind:
      (msgSrc, user) = (([UInt8](repeating: 0, count: local.count), 0), (local, localPort))
    case .listen:
      (msgSrc, user) = ((local, localPort), (local, localPort))
      proto = 6
    case .connect, .connectAuthorization:
      (msgSrc, user) = ((local, localPort), (remote, remotePort))
    }
    let event = SockAddrEvent(
      attachType: attach, family: family, msgSrcIP: msgSrc.ip, msgSrcPort: msgSrc.port,
      userIP: user.ip, userPort: user.port, protocol: proto, compartmentID: compartment,
      interfaceLuid: e.fields[NetworkEvent.Field.interfaceLuid] ?? 0,
      socketCookie: e.fields[NetworkEvent.Field.cookie] ?? 0)
    let outcome = core.invoke(
      attach, input: event.input, caller: owner(e), compartmentID: compartment, keepRuns: recording)
    record(attach.name, outcome)
    return outcome.permitted ? 0 : 1
  }

  private func sockOps(_ e: KernelEvent, op: UInt32) -> Int64 {
    guard let core = existingCore, let attach = AttachType.withNumber(7) else { return 0 }
    let (family, local, remote) = Self.addresses(e)
    let event = SockOpsEvent(
      op: op, family: family, localIP: local,
      localPort: UInt16(truncatingIfNeeded: e.fields[NetworkEvent.Field.port] ?? 0),
      remoteIP: remote, remotePort: UInt16(truncatingIfNeeded: e.fields[NetworkEvent.Field.remotePort] ?? 0),
      protocol: UInt8(truncatingIfNeeded: e.fields[NetworkEvent.Field.protocol] ?? 6),
      compartmentID: UInt32(truncatingIfNeeded: e.fields[NetworkEvent.Field.compartment] ?? 1),
      interfaceLuid: e.fields[NetworkEvent.Field.interfaceLuid] ?? 0, flowID: e.fields[NetworkEvent.Field.flow] ?? 0)
    record(attach.name, core.invoke(attach, input: event.input, caller: owner(e), keepRuns: recording))
    return 0
  }

  private func packet(_ e: KernelEvent) -> Int64 {
    guard let core = existingCore, let attach = AttachType.withNumber(1) else { return 0 }
    let index = UInt32(truncatingIfNeeded: e.fields[NetworkEvent.Field.interface] ?? 1)
    let event = PacketEvent(interfaceIndex: index, packet: e.payload)
    let outcome = core.invoke(attach, input: event.input, caller: owner(e), interfaceIndex: index, keepRuns: recording)
    record(attach.name, outcome)
    return outcome.permitted ? 0 : 1
  }
}

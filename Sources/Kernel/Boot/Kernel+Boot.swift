import NTCore

/// A body for objects whose behaviour ntsh does not model (ALPC ports, sections, keys): they
/// exist, list, open and close, and say what they are.
public final class OpaqueBody {
  /// What the object stands for.
  public let note: String

  init(note: String) { self.note = note }
}

/// The body of Session objects (`\KernelObjects\SessionN`).
public final class SessionBody {
  /// The session id.
  public let id: UInt32

  init(id: UInt32) { self.id = id }
}

/// The boot sequence: types, the System process, the namespace, built-in drivers, the boot
/// processes, service drivers, then other subsystems' boot phases.
extension Kernel {
  /// Boots a machine: everything a fresh Windows 11 23H2 has by the time the user logs on.
  static func boot(
    configuration: BootConfiguration, catalog: [String: DriverImage], services: [ServiceEntry],
    phases: [(Kernel) -> Void]
  ) -> Kernel {
    let k = Kernel(configuration: configuration)
    k.bootToken = BootTokens.system(tokenId: 0x3EB)
    k.modules.append(Module(name: "nt", imageName: "ntkrnlmp.exe", base: k.layout.kernelBase, size: KernelSymbols.imageSize))
    k.bootTypes()
    k.bootSystemProcess()
    k.bootNamespace()
    k.bootDrivers()
    k.bootProcesses()
    for s in services where [.boot, .system, .auto].contains(s.startType) {
      if let image = catalog[s.image] { _ = k.loadDriver(image) }
    }
    for phase in phases { phase(k) }
    k.bootToken = nil
    k.dispatcher.runReady()
    return k
  }

  private func bootTypes() {
    for spec in StandardTypes.all {
      if case .failure(let s) = ob.createType(
        name: spec.name, initializer: StandardTypes.initializer(spec), bodySize: spec.bodySize,
        specificRights: spec.rights, securityDescriptor: nil)
      {
        preconditionFailure("boot type \(spec.name): \(s)")
      }
    }
    var process = ob.type(named: "Process")!.initializer
    process.deleteProcedure = { [unowned self] in self.deleteProcess($0) }
    ob.type(named: "Process")!.initializer = process
    var thread = ob.type(named: "Thread")!.initializer
    thread.deleteProcedure = { [unowned self] in self.deleteThread($0) }
    ob.type(named: "Thread")!.initializer = thread
    var file = ob.type(named: "File")!.initializer
    file.deleteProcedure = { [unowned self] in self.deleteFile($0) }
    file.closeProcedure = { [unowned self] in self.closeFile($0, $1, $2, $3) }
    ob.type(named: "File")!.initializer = file
  }

  private func bootSystemProcess() {
    guard case .success(let system) = createProcess(
      image: "System", commandLine: "", parent: nil, token: bootToken, sessionId: nil, priority: 8,
      startSymbol: "nt!Phase1Initialization")
    else { preconditionFailure("System process") }
    system.isProtected = true
    system.isCritical = true
    systemProcess = system
    let symbols = [
      ("nt!ExpWorkerThread", 12), ("nt!ExpWorkerThread", 12), ("nt!ExpWorkerThread", 13), ("nt!ExpWorkerThread", 13),
      ("nt!KeBalanceSetManager", 16), ("nt!KeSwapProcessOrStack", 23), ("nt!MiModifiedPageWriter", 17),
      ("nt!MiMappedPageWriter", 17), ("nt!PopIrpWorkerControl", 13), ("nt!CcQueueLazyWriteScanThread", 12),
      ("nt!EtwpLogger", 10),
    ]
    for (symbol, priority) in symbols {
      if case .success(let t) = createThread(in: system, priority: priority, startSymbol: symbol, body: nil),
        bootWorkerThread == nil
      {
        bootWorkerThread = t
      }
    }
    ob.kernelHandles = HandleTable(pool: pool, kernelTable: true)
    ob.kernelHandles.process = system
    // The root and \ObjectTypes, then the names of the types created before them.
    guard let dirType = ob.type(named: "Directory") else { return }
    let rootBody = ObjectDirectory()
    guard case .success(let root) = ob.createObject(
      probeMode: .kernelMode, type: dirType, attributes: ObjectAttributes("\\", attributes: [.permanent]),
      ownership: .kernelMode, bodySize: 0x158, body: rootBody, process: system)
    else { preconditionFailure("root directory") }
    rootBody.object = root
    ob.finishBootObject(root, sddl: BootWorld.SD.publicDirectory, token: system.token)
    ob.root = root
    ob.objectTypesDirectory = createDirectory("\\ObjectTypes", sddl: BootWorld.SD.publicDirectory)
    for typeObject in ob.deferredTypeObjects {
      _ = ob.insertObject(typeObject, desiredAccess: [], mode: .kernelMode, process: system, wantHandle: false)
    }
    ob.deferredTypeObjects.removeAll()
  }

  @discardableResult
  func createDirectory(_ path: String, sddl: String, session: UInt32? = nil) -> KObject? {
    guard let dirType = ob.type(named: "Directory") else { return nil }
    let body = ObjectDirectory(sessionId: session)
    let object = createBootObject(path, type: dirType, body: body, bodySize: 0x158, sddl: sddl)
    body.object = object
    return object
  }

  @discardableResult
  private func createBootObject(_ path: String, type: ObjectType, body: AnyObject, bodySize: Int, sddl: String? = nil) -> KObject? {
    var attrs = ObjectAttributes(path, attributes: [.permanent, .caseInsensitive])
    attrs.securityDescriptor = sddl.flatMap { try? SDDL.parse($0) }
    guard case .success(let o) = ob.createObject(
      probeMode: .kernelMode, type: type, attributes: attrs, ownership: .kernelMode, bodySize: bodySize, body: body,
      process: systemProcess),
      case .success(let r) = ob.insertObject(o, desiredAccess: [], mode: .kernelMode, process: systemProcess, wantHandle: false)
    else { return nil }
    ob.dereference(r.object)  // the namespace keeps it (permanent)
    return r.object
  }

  private func bootNamespace() {
    for entry in BootWorld.namespace {
      switch entry {
      case .directory(let path, let sd, let session):
        let d = createDirectory(path, sddl: sd, session: session)
        if path == "\\GLOBAL??" { globalDosDevices = d }
        if path == "\\BaseNamedObjects" { globalNamedObjects = d }
      case .link(let path, let target):
        _ = createSymbolicLink(path, target: target)
      case .event(let path, let notification, let signaled):
        createBootObject(path, type: ob.type(named: "Event")!, body: KEvent(notification: notification, signaled: signaled), bodySize: 0x18)
      case .mutant(let path):
        createBootObject(path, type: ob.type(named: "Mutant")!, body: KMutant(owner: nil), bodySize: 0x38)
      case .callback(let path):
        createBootObject(path, type: ob.type(named: "Callback")!, body: CallbackObject(allowMultipleCallbacks: true), bodySize: 0x40)
      case .opaque(let path, let typeName):
        guard let type = ob.type(named: typeName) else { continue }
        createBootObject(path, type: type, body: OpaqueBody(note: typeName), bodySize: type.defaultBodySize)
      case .memoryCondition(let path):
        createMemoryCondition(path)
      }
    }
    for id in [UInt32(0), 1] {
      let session = createBootObject(
        "\\KernelObjects\\Session\(id)", type: ob.type(named: "Session")!, body: SessionBody(id: id), bodySize: 0x30)
      let bnoPath = id == 0 ? "\\BaseNamedObjects" : "\\Sessions\\\(id)\\BaseNamedObjects"
      if case .success(.found(let bno)) = ob.resolve(
        bnoPath, root: nil, attributes: .caseInsensitive, type: nil, mode: .kernelMode, process: systemProcess, forCreate: false)
      {
        ob.dereference(bno)
        sessions[id] = SessionInfo(
          id: id, name: id == 0 ? "Services" : "Console", object: session, namedObjects: bno,
          userName: id == 0 ? nil : BootTokens.userName)
      }
    }
  }

  /// `\KernelObjects\…Condition`: a dynamic link to an event that carries the link's name.
  private func createMemoryCondition(_ path: String) {
    guard let eventType = ob.type(named: "Event"), let linkType = ob.type(named: "SymbolicLink") else { return }
    let leaf = String(path.split(separator: "\\").last ?? "")
    let signaled = leaf.hasPrefix("Low") ? false : !leaf.hasPrefix("High") && !leaf.hasPrefix("Maximum") && leaf != "MemoryErrors"
    guard case .success(let event) = ob.createObject(
      probeMode: .kernelMode, type: eventType, attributes: ObjectAttributes(path, attributes: [.permanent]),
      ownership: .kernelMode, bodySize: 0x18, body: KEvent(notification: true, signaled: signaled), process: systemProcess)
    else { return }
    ob.finishBootObject(event, sddl: BootWorld.SD.kernelObjects, token: systemProcess.token, leaf: leaf)
    let link = SymbolicLink(target: "", creationTime: dispatcher.systemTime, dynamicTarget: event)
    createBootObject(path, type: linkType, body: link, bodySize: 0x38)
  }

  private func bootDrivers() {
    for (driverPath, devices) in BootWorld.drivers {
      guard let driverType = ob.type(named: "Driver") else { return }
      let driver = DriverObject(name: driverPath)
      guard let object = createBootObject(driverPath, type: driverType, body: driver, bodySize: 0x150) else { continue }
      driver.object = object
      driver.imageBase = allocateImage(size: 0x2_0000)
      driver.imageSize = 0x2_0000
      for d in devices {
        _ = createDevice(driver, name: d, deviceType: 0x22, characteristics: 0, exclusive: false)
      }
    }
    for (link, target) in BootWorld.deviceLinks { _ = createSymbolicLink(link, target: target) }
  }

  private func bootProcesses() {
    var created: [EProcess] = []
    var transient: [EProcess] = []
    for (i, spec) in BootWorld.processes.enumerated() {
      dispatcher.advance(by: 150 * Dispatcher.ticksPerMillisecond)
      let parent = spec.parent < 0 ? systemProcess! : created[spec.parent]
      nextTokenId += 1
      let token: Token
      switch spec.account {
      case .system: token = BootTokens.system(tokenId: nextTokenId)
      case .localService: token = BootTokens.service(.localService, name: "NT AUTHORITY\\LOCAL SERVICE", logon: 0x3E5, tokenId: nextTokenId)
      case .networkService: token = BootTokens.service(.networkService, name: "NT AUTHORITY\\NETWORK SERVICE", logon: 0x3E4, tokenId: nextTokenId)
      case .elevatedUser: token = BootTokens.elevatedUser(tokenId: nextTokenId)
      case .limitedUser: token = BootTokens.limitedUser(tokenId: nextTokenId)
      case .dwm: token = BootTokens.dwm(tokenId: nextTokenId)
      }
      if spec.session != nil { token.sessionId = spec.session ?? 0 }
      let isShell = i == BootWorld.ntshIndex
      guard case .success(let p) = createProcess(
        image: spec.image, commandLine: spec.commandLine, parent: parent, token: token, sessionId: spec.session,
        priority: spec.priority, startSymbol: startSymbol(spec.image), synchronousMainThread: isShell)
      else { preconditionFailure("boot process \(spec.image)") }
      for t in 1..<max(1, spec.threads) {
        createThread(in: p, priority: spec.priority + (t % 3 == 0 ? 1 : 0), startSymbol: "ntdll!TppWorkerThread", body: nil)
      }
      if spec.session != nil { openStartupHandles(p) }
      p.isProtected = BootWorld.protectedImages.contains(spec.image)
      p.isCritical = BootWorld.criticalImages.contains(spec.image) && !spec.transient
      created.append(p)
      if spec.transient { transient.append(p) }
    }
    for p in transient { terminate(p, exitStatus: 0) }
  }

  private func startSymbol(_ image: String) -> String {
    let module = image.split(separator: ".").first.map(String.init) ?? image
    switch image {
    case "Registry": return "nt!MiRegistryThread"
    case "smss.exe", "csrss.exe", "wininit.exe", "winlogon.exe", "services.exe", "lsass.exe", "svchost.exe", "dwm.exe":
      return "\(module)!wmainCRTStartup"
    default: return "\(module)!wWinMainCRTStartup"
    }
  }

  /// The handles a user-mode process opens while it starts: `\KnownDlls` and its session's
  /// named-object directory (kernel32 keeps both).
  func openStartupHandles(_ p: EProcess) {
    let bno = sessions[p.sessionId ?? 0].map { $0.namedObjects.fullPath ?? "\\BaseNamedObjects" } ?? "\\BaseNamedObjects"
    for (path, access) in [("\\KnownDlls", UInt32(0x3)), (bno, UInt32(0xF))] {
      if case .success(let (h, _)) = ob.openByName(
        ObjectAttributes(path, attributes: .caseInsensitive), type: ob.type(named: "Directory"), mode: .kernelMode,
        desired: AccessMask(access), process: p), path == bno
      {
        p.namedObjectDirectory = h
      }
    }
  }

  /// The ntsh.exe process the shell acts as by default.
  public var shellProcess: EProcess? { processes.first { $0.imageName == "ntsh.exe" && $0.isAlive } }
}

extension ObjectManager {
  /// Finishes an object the boot makes without a directory entry (the root, the events behind
  /// the memory-condition links): security, permanence, name kept without a directory.
  func finishBootObject(_ object: KObject, sddl: String, token: Token, leaf: String? = nil) {
    object.pendingRoot = nil
    object.pendingSecurity = nil
    let sd = try? SDDL.parse(sddl)
    object.securityDescriptor = assignSecurity(sd, to: object, token: token)
    object.securityBlock = logSecurity(object.securityDescriptor)
    object.flags.remove(.newObject)
    object.flags.insert(.permanentObject)
    if let leaf, object.name != leaf {
      object.name = leaf
      if let b = object.nameBlock { pool.free(b) }
      object.nameBlock = allocateName(leaf)
    }
  }
}

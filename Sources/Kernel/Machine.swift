import NTCore

/// A computer: what survives a reboot (boot configuration, installed services, driver images on
/// disk) and the running kernel, booted lazily on first use and replaced in place by ``restart(_:)``.
///
/// Contexts hold the machine, never a kernel, so they keep working after a restart.
public final class Machine {
  /// The boot configuration the next boot uses (bcdedit).
  public var configuration: BootConfiguration
  /// Driver images available to load, by image name.
  public private(set) var catalog: [String: DriverImage] = [:]
  /// Installed services (sc create).
  public private(set) var services: [ServiceEntry] = []
  /// Boot phases other subsystems add (win32k's window stations…), run in order after the base boot.
  public private(set) var bootPhases: [(Kernel) -> Void] = []
  /// How many times the machine booted.
  public private(set) var bootCount = 0
  private var running: Kernel?

  /// Creates a machine that has not booted yet.
  public init(configuration: BootConfiguration = BootConfiguration(), drivers: [DriverImage] = []) {
    self.configuration = configuration
    for d in drivers { catalog[d.fileName] = d }
  }

  /// The running kernel; the first access boots the machine.
  public var kernel: Kernel {
    if let k = running { return k }
    let k = Kernel.boot(configuration: configuration, catalog: catalog, services: services, phases: bootPhases)
    bootCount += 1
    running = k
    return k
  }

  /// True once the machine has booted.
  public var isBooted: Bool { running != nil }

  /// Reboots: every simulated thread is terminated (its code unwinds), the kernel is discarded and
  /// the next access boots a fresh one with the (possibly changed) configuration.
  public func restart(_ configuration: BootConfiguration? = nil) {
    if let k = running { k.shutDown() }
    running = nil
    if let configuration { self.configuration = configuration }
  }

  /// Adds a driver image to the catalog (copying a .sys to System32\drivers).
  public func addDriverImage(_ image: DriverImage) { catalog[image.fileName] = image }

  /// Installs or replaces a service.
  public func install(_ service: ServiceEntry) {
    services.removeAll { $0.name.lowercased() == service.name.lowercased() }
    services.append(service)
  }

  /// Deletes a service; false when it does not exist.
  @discardableResult
  public func uninstall(service name: String) -> Bool {
    let before = services.count
    services.removeAll { $0.name.lowercased() == name.lowercased() }
    return services.count != before
  }

  /// Adds a boot phase (takes effect from the next boot).
  public func addBootPhase(_ phase: @escaping (Kernel) -> Void) { bootPhases.append(phase) }

  /// Loads a service's driver now (sc start): STATUS_OBJECT_NAME_NOT_FOUND for an unknown
  /// service or image.
  public func startService(_ name: String) -> NTStatus {
    guard let s = services.first(where: { $0.name.lowercased() == name.lowercased() }), let image = catalog[s.image] else {
      return .objectNameNotFound
    }
    return kernel.loadDriver(image)
  }
}

extension Kernel {
  /// Terminates every simulated thread and lets their code unwind, before the kernel is dropped:
  /// newest process first and System last, so rundowns find the kernel's workers still there.
  func shutDown() {
    isShuttingDown = true
    for p in processes.reversed() where p.isAlive { terminate(p, exitStatus: 0) }
    dispatcher.runReady()
    dispatcher.reset()
  }
}

/// What `bcdedit` would show: boot options that survive a restart and decide how the next boot goes.
public struct BootConfiguration: Sendable, Equatable {
  /// Seed of the address layout (pool bases, header cookie).
  public var seed: UInt64
  /// `testsigning on`: test-signed drivers may load.
  public var testSigning: Bool
  /// `debug on`: local kernel debugging is allowed.
  public var debug: Bool
  /// Named options other parts define (a driver variant: `datastack=part3`).
  public var options: [String: String]

  /// Creates a configuration; test signing and debugging on, as the seed's machines have them.
  public init(seed: UInt64 = 0, testSigning: Bool = true, debug: Bool = true, options: [String: String] = [:]) {
    self.seed = seed
    self.testSigning = testSigning
    self.debug = debug
    self.options = options
  }
}

/// A service entry (what `sc create` records); kernel drivers with boot, system or auto start load
/// at boot.
public struct ServiceEntry: Sendable, Equatable {
  /// When the service starts.
  public enum StartType: String, Sendable {
    /// SERVICE_BOOT_START.
    case boot
    /// SERVICE_SYSTEM_START.
    case system
    /// SERVICE_AUTO_START.
    case auto
    /// SERVICE_DEMAND_START.
    case demand
    /// SERVICE_DISABLED.
    case disabled
  }

  /// The service name.
  public var name: String
  /// The driver image name it loads (a key of the machine's driver catalog).
  public var image: String
  /// The start type.
  public var startType: StartType

  /// Creates an entry.
  public init(name: String, image: String, startType: StartType) {
    self.name = name
    self.image = image
    self.startType = startType
  }
}

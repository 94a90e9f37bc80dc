import NTCore

/// IRP_MJ_* major function codes.
public enum MajorFunction: Int, Sendable, CaseIterable {
  /// IRP_MJ_CREATE.
  case create = 0x00
  /// IRP_MJ_CLOSE.
  case close = 0x02
  /// IRP_MJ_READ.
  case read = 0x03
  /// IRP_MJ_WRITE.
  case write = 0x04
  /// IRP_MJ_DEVICE_CONTROL.
  case deviceControl = 0x0e
  /// IRP_MJ_CLEANUP.
  case cleanup = 0x12
}

/// A driver (the body of Driver objects): its dispatch routines, unload routine and devices.
public final class DriverObject {
  /// `\Driver\Name`.
  public let name: String
  /// The dispatch routines.
  public var majorFunction: [MajorFunction: (_ device: DeviceObject, _ irp: IRP) -> NTStatus] = [:]
  /// DriverUnload; a driver without one cannot be stopped.
  public var driverUnload: ((_ driver: DriverObject) -> Void)?
  /// Devices the driver created (DeviceObject chain).
  public internal(set) var devices: [DeviceObject] = []
  /// The image's load address and size.
  public internal(set) var imageBase: UInt64 = 0
  /// Image size.
  public internal(set) var imageSize: UInt64 = 0
  /// The driver object.
  public internal(set) weak var object: KObject?
  /// State the driver keeps (its globals).
  public var context: AnyObject?

  init(name: String) { self.name = name }
}

/// A device (the body of Device objects).
public final class DeviceObject {
  /// The owning driver.
  public unowned let driver: DriverObject
  /// DeviceType (FILE_DEVICE_*).
  public let deviceType: UInt32
  /// Characteristics.
  public let characteristics: UInt32
  /// Only one handle at a time.
  public let exclusive: Bool
  /// The device extension.
  public var deviceExtension: AnyObject?
  /// The device object.
  public internal(set) weak var object: KObject?
  /// Open file objects.
  public internal(set) var openCount = 0

  init(driver: DriverObject, deviceType: UInt32, characteristics: UInt32, exclusive: Bool) {
    self.driver = driver
    self.deviceType = deviceType
    self.characteristics = characteristics
    self.exclusive = exclusive
  }
}

/// An open instance of a device (the body of File objects).
public final class FileObject {
  /// The device object (referenced by the file).
  public let device: KObject
  /// The name after the device part (`\Device\X\rest` → `\rest`).
  public let fileName: String
  /// Per-open state a driver keeps (FsContext).
  public var fsContext: AnyObject?
  /// True once IRP_MJ_CLEANUP ran.
  public internal(set) var cleanedUp = false
  /// True once IRP_MJ_CREATE succeeded (only then does IRP_MJ_CLOSE follow).
  var opened = false

  init(device: KObject, fileName: String) {
    self.device = device
    self.fileName = fileName
  }

  /// The device body.
  public var deviceObject: DeviceObject? { device.body as? DeviceObject }
}

/// An I/O request packet, as a dispatch routine sees it.
///
/// METHOD_BUFFERED requests carry their input in ``systemBuffer`` and the routine writes its
/// output there (up to ``outputBufferLength``), setting ``information`` to the bytes written.
/// ntsh has no flat user address space, so a request whose structures carry user pointers hands
/// the typed values in ``userArguments`` instead.
public final class IRP {
  /// The major function.
  public let majorFunction: MajorFunction
  /// IoControlCode for IRP_MJ_DEVICE_CONTROL.
  public let ioControlCode: UInt32
  /// The buffered input, then the output.
  public var systemBuffer: [UInt8]
  /// InputBufferLength.
  public let inputBufferLength: Int
  /// OutputBufferLength.
  public let outputBufferLength: Int
  /// IoStatus.Status.
  public var status: NTStatus = .success
  /// IoStatus.Information.
  public var information: UInt64 = 0
  /// RequestorMode.
  public let requestorMode: KProcessorMode
  /// The thread that issued the request (its process is the current process).
  public let thread: EThread?
  /// The file object the request targets.
  public let fileObject: FileObject?
  /// Typed arguments of requests whose buffers would hold user pointers.
  public var userArguments: [Any]

  init(
    majorFunction: MajorFunction, ioControlCode: UInt32 = 0, input: [UInt8] = [], outputLength: Int = 0,
    requestorMode: KProcessorMode, thread: EThread?, fileObject: FileObject?, userArguments: [Any] = []
  ) {
    self.majorFunction = majorFunction
    self.ioControlCode = ioControlCode
    self.systemBuffer = input
    self.inputBufferLength = input.count
    self.outputBufferLength = outputLength
    self.requestorMode = requestorMode
    self.thread = thread
    self.fileObject = fileObject
    self.userArguments = userArguments
  }
}

/// A driver image that can be loaded: its name and DriverEntry.
public struct DriverImage {
  /// Service name (`KObjects`); the driver object is `\Driver\<name>`.
  public let name: String
  /// The image file name (`KObjects.sys`).
  public let fileName: String
  /// Image size (for the module list).
  public let imageSize: UInt64
  /// True when signed by a trusted authority; test-signed images need test signing on.
  public let productionSigned: Bool
  /// DriverEntry(DriverObject, RegistryPath).
  public let entry: (_ nt: Ntoskrnl, _ driver: DriverObject, _ registryPath: String) -> NTStatus

  /// Creates an image.
  public init(
    name: String, fileName: String, imageSize: UInt64 = 0x8000, productionSigned: Bool = false,
    entry: @escaping (_ nt: Ntoskrnl, _ driver: DriverObject, _ registryPath: String) -> NTStatus
  ) {
    self.name = name
    self.fileName = fileName
    self.imageSize = imageSize
    self.productionSigned = productionSigned
    self.entry = entry
  }
}

/// CTL_CODE and its parts.
public enum IoControlCode {
  /// CTL_CODE(DeviceType, Function, Method, Access).
  public static func make(deviceType: UInt32, function: UInt32, method: UInt32, access: UInt32) -> UInt32 {
    (deviceType << 16) | (access << 14) | (function << 2) | method
  }

  /// The required-access field: FILE_ANY_ACCESS 0, FILE_READ_ACCESS 1, FILE_WRITE_ACCESS 2.
  public static func requiredAccess(_ code: UInt32) -> UInt32 { (code >> 14) & 3 }
}

import NTCore

/// The I/O manager: drivers, devices, file objects on devices, and IRP dispatch.
extension Kernel {
  /// Loads a driver image: creates `\Driver\<name>` and runs DriverEntry in the System process
  /// (kernel mode). A test-signed image needs test signing on (STATUS_INVALID_IMAGE_HASH otherwise);
  /// a second load is STATUS_IMAGE_ALREADY_LOADED; if DriverEntry fails the driver object goes.
  public func loadDriver(_ image: DriverImage) -> NTStatus {
    if drivers[image.name] != nil { return .imageAlreadyLoaded }
    if !image.productionSigned && !configuration.testSigning { return .invalidImageHash }
    guard let driverType = ob.type(named: "Driver") else { return .unsuccessful }
    let driver = DriverObject(name: "\\Driver\\" + image.name)
    let attrs = ObjectAttributes(driver.name, attributes: [.permanent, .caseInsensitive, .kernelHandle])
    let object: KObject
    switch ob.createObject(
      probeMode: .kernelMode, type: driverType, attributes: attrs, ownership: .kernelMode, bodySize: 0x150, body: driver,
      process: systemProcess)
    {
    case .failure(let s): return s
    case .success(let o): object = o
    }
    switch ob.insertObject(object, desiredAccess: [], mode: .kernelMode, process: systemProcess, wantHandle: false) {
    case .failure(let s): return s
    case .success: break
    }
    driver.object = object
    driver.imageBase = allocateImage(size: image.imageSize)
    driver.imageSize = image.imageSize
    let caller = systemWorkerThread
    let status = withCaller(caller, mode: .kernelMode) {
      image.entry(Ntoskrnl(kernel: self), driver, "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\" + image.name)
    }
    if !status.isSuccess || bugCheckInfo != nil {
      for d in driver.devices { deleteDevice(d) }
      ob.makeTemporary(object)
      ob.dereference(object)
      return status.isSuccess ? .unsuccessful : status
    }
    drivers[image.name] = driver
    modules.append(Module(name: image.name, imageName: image.fileName, base: driver.imageBase, size: image.imageSize))
    return .success
  }

  /// Unloads a driver (sc stop): calls its DriverUnload; a driver without one cannot stop
  /// (STATUS_INVALID_DEVICE_REQUEST).
  public func unloadDriver(named name: String) -> NTStatus {
    guard let driver = drivers[name] else { return .objectNameNotFound }
    guard let unload = driver.driverUnload else { return .invalidDeviceRequest }
    withCaller(systemWorkerThread, mode: .kernelMode) { unload(driver) }
    for d in driver.devices { deleteDevice(d) }
    drivers[name] = nil
    modules.removeAll { $0.name == name }
    if let o = driver.object {
      ob.makeTemporary(o)
      ob.dereference(o)
    }
    return .success
  }

  /// IoCreateDevice: a (named, permanent) device object owned by the driver.
  func createDevice(
    _ driver: DriverObject, name: String?, deviceType: UInt32, characteristics: UInt32, exclusive: Bool
  ) -> Result<DeviceObject, NTStatus> {
    guard let deviceType_ = ob.type(named: "Device") else { return .failure(.unsuccessful) }
    let device = DeviceObject(driver: driver, deviceType: deviceType, characteristics: characteristics, exclusive: exclusive)
    let attrs = name.map { ObjectAttributes($0, attributes: [.permanent, .caseInsensitive, .kernelHandle]) }
    let sd = try? SDDL.parse("O:BAG:SYD:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGWGX;;;WD)(A;;GRGX;;;RC)")
    var a = attrs
    a?.securityDescriptor = sd
    let object: KObject
    switch ob.createObject(
      probeMode: .kernelMode, type: deviceType_, attributes: a, ownership: .kernelMode, bodySize: 0x150, body: device,
      process: systemProcess)
    {
    case .failure(let s): return .failure(s)
    case .success(let o): object = o
    }
    if case .failure(let s) = ob.insertObject(object, desiredAccess: [], mode: .kernelMode, process: systemProcess, wantHandle: false) {
      return .failure(s)
    }
    if name == nil { object.securityDescriptor = sd; object.securityBlock = ob.logSecurity(sd) }
    device.object = object
    driver.devices.append(device)
    return .success(device)
  }

  /// IoDeleteDevice: the name goes, and the device with its last reference.
  func deleteDevice(_ device: DeviceObject) {
    device.driver.devices.removeAll { $0 === device }
    guard let o = device.object, !o.isDeleted else { return }
    ob.makeTemporary(o)
    ob.dereference(o)
  }

  /// IoCreateSymbolicLink: a permanent link.
  func createSymbolicLink(_ link: String, target: String) -> NTStatus {
    guard let type = ob.type(named: "SymbolicLink") else { return .unsuccessful }
    let body = SymbolicLink(target: target, creationTime: dispatcher.systemTime)
    let attrs = ObjectAttributes(link, attributes: [.permanent, .caseInsensitive, .kernelHandle])
    switch ob.createObject(
      probeMode: .kernelMode, type: type, attributes: attrs, ownership: .kernelMode, bodySize: 0x38, body: body,
      process: systemProcess)
    {
    case .failure(let s): return s
    case .success(let o):
      switch ob.insertObject(o, desiredAccess: [], mode: .kernelMode, process: systemProcess, wantHandle: false) {
      case .failure(let s): return s
      case .success(let r):
        ob.dereference(r.object)
        return .success
      }
    }
  }

  /// IoDeleteSymbolicLink.
  func deleteSymbolicLink(_ link: String) -> NTStatus {
    switch ob.referenceByName(
      link, attributes: [.caseInsensitive, .openLink], type: ob.type(named: "SymbolicLink"), desired: [],
      mode: .kernelMode, process: systemProcess)
    {
    case .failure(let s): return s
    case .success(let o):
      ob.makeTemporary(o)
      ob.dereference(o)
      return .success
    }
  }

  /// NtCreateFile/NtOpenFile of a device path: checks the device's security, creates a file
  /// object and sends IRP_MJ_CREATE to the driver.
  public func openDevice(
    _ attributes: ObjectAttributes, desired: AccessMask, mode: KProcessorMode, thread: EThread
  ) -> Result<Handle, NTStatus> {
    let process = thread.process
    guard let name = attributes.objectName, !name.isEmpty else { return .failure(.objectNameInvalid) }
    guard let deviceType = ob.type(named: "Device"), let fileType = ob.type(named: "File") else { return .failure(.unsuccessful) }
    let device: KObject
    switch ob.referenceByName(
      name, attributes: attributes.attributes.union(.caseInsensitive), type: nil, desired: [], mode: .kernelMode,
      process: process)
    {
    case .failure(let s): return .failure(s == .objectNameNotFound ? .objectNameNotFound : s)
    case .success(let o): device = o
    }
    guard device.type === deviceType, let body = device.body as? DeviceObject else {
      ob.dereference(device)
      return .failure(.objectTypeMismatch)
    }
    var granted = ob.grantWithoutCheck(desired, type: fileType)
    if mode == .userMode {
      switch ob.checkAccess(device, desired: desired, process: process) {
      case .failure(let s):
        ob.dereference(device)
        return .failure(s)
      case .success(let g): granted = g
      }
    }
    if body.exclusive, body.openCount > 0 {
      ob.dereference(device)
      return .failure(.accessDenied)
    }
    let file = FileObject(device: device, fileName: "")
    let fileObject: KObject
    switch ob.createObject(
      probeMode: mode, type: fileType, attributes: nil, ownership: mode, bodySize: 0xd8, body: file, process: process)
    {
    case .failure(let s):
      ob.dereference(device)
      return .failure(s)
    case .success(let o): fileObject = o
    }
    let irp = IRP(majorFunction: .create, requestorMode: mode, thread: thread, fileObject: file)
    let status = dispatch(irp, to: body, as: thread)
    guard status.isSuccess else {
      ob.dereference(fileObject)
      return .failure(status)
    }
    file.opened = true
    body.openCount += 1
    switch ob.insertObject(
      fileObject, desiredAccess: granted, mode: .kernelMode, process: process, wantHandle: true,
      handleAttributes: attributes.attributes.intersection([.inherit, .kernelHandle]))
    {
    case .failure(let s): return .failure(s)
    case .success(let r): return .success(r.handle ?? .null)
    }
  }

  /// NtDeviceIoControlFile: sends IRP_MJ_DEVICE_CONTROL; returns the status, the information
  /// field and the output bytes (METHOD_BUFFERED).
  public func deviceIoControl(
    _ handle: Handle, code: UInt32, input: [UInt8], outputLength: Int, userArguments: [AnyObject] = [],
    mode: KProcessorMode, thread: EThread
  ) -> (status: NTStatus, information: UInt64, output: [UInt8]) {
    // Every IOCTL passes here: the object manager is loaded once, and nothing is copied out when
    // the driver wrote nothing.
    let ob: ObjectManager = self.ob
    guard let fileType = ob.fileType else { return (.unsuccessful, 0, []) }
    let required: AccessMask
    switch IoControlCode.requiredAccess(code) {
    case 1: required = AccessMask(0x1)
    case 2: required = AccessMask(0x2)
    case 3: required = AccessMask(0x3)
    default: required = []
    }
    let r: ObjectManager.Referenced
    switch ob.referenceByHandle(handle, desired: required, type: fileType, mode: mode, process: thread.process) {
    case .failure(let s): return (s, 0, [])
    case .success(let x): r = x
    }
    defer { ob.dereference(r.object) }
    guard let file = r.object.body as? FileObject, let device = file.deviceObject else { return (.invalidHandle, 0, []) }
    let irp = IRP(
      majorFunction: .deviceControl, ioControlCode: code, input: input, outputLength: max(0, outputLength),
      requestorMode: mode, thread: thread, fileObject: file, userArguments: userArguments)
    let status = dispatch(irp, to: device, as: thread)
    let information = irp.information
    let n = min(Int(clamping: information), irp.outputBufferLength)
    guard n > 0, !status.isError else { return (status, information, []) }
    let output = irp.systemBuffer
    return (status, information, n >= output.count ? output : Array(output.prefix(n)))
  }

  /// Calls a driver's dispatch routine for an IRP in the caller's context.
  func dispatch(_ irp: IRP, to device: DeviceObject, as thread: EThread) -> NTStatus {
    guard let routine = device.driver.majorFunction[irp.majorFunction] else {
      return irp.majorFunction == .create || irp.majorFunction == .close || irp.majorFunction == .cleanup
        ? .success : .invalidDeviceRequest
    }
    // An IOCTL arrives here inside the caller's system call: usually nothing to switch.
    if currentThread === thread && thread.previousMode == irp.requestorMode { return routine(device, irp) }
    return withCaller(thread, mode: irp.requestorMode) { routine(device, irp) }
  }

  /// File CloseProcedure: IRP_MJ_CLEANUP when the last handle goes.
  func closeFile(_ process: EProcess?, _ object: KObject, _ processHandles: Int, _ systemHandles: Int) {
    guard systemHandles == 0, let file = object.body as? FileObject, !file.cleanedUp, let device = file.deviceObject else { return }
    file.cleanedUp = true
    let thread = currentThread ?? systemWorkerThread
    _ = dispatch(IRP(majorFunction: .cleanup, requestorMode: .kernelMode, thread: thread, fileObject: file), to: device, as: thread)
  }

  /// File DeleteProcedure: IRP_MJ_CLOSE, then the device reference goes.
  func deleteFile(_ object: KObject) {
    guard let file = object.body as? FileObject else { return }
    if let device = file.deviceObject, file.opened {
      let thread = currentThread ?? systemWorkerThread
      _ = dispatch(IRP(majorFunction: .close, requestorMode: .kernelMode, thread: thread, fileObject: file), to: device, as: thread)
      device.openCount = max(0, device.openCount - 1)
    }
    ob.dereference(file.device)
  }

  /// A System thread kernel work runs on (DriverEntry, unload).
  var systemWorkerThread: EThread {
    systemProcess.threads.first { $0.isAlive } ?? bootWorkerThread
  }
}

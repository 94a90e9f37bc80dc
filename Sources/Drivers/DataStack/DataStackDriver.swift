import Kernel
import NTCore

/// `KObjects.sys`, the seed's DataStack driver: a new kernel object type built with exported
/// kernel functions only, reached through `\Device\KDataStack` by DataStack.dll.
///
/// DriverEntry registers the `DataStack` type (ObCreateObjectType), creates the device and routes
/// IRP_MJ_DEVICE_CONTROL to the native API's kernel half (``DataStackDriver/State``). The boot option
/// `datastack` picks the variant: `part4` (the default) is the finished driver, `part3` the driver as
/// part 3 left it — no DeleteProcedure (destroying a non-empty stack leaks its `Dstk` blocks, the
/// leak the seed shows in PoolMonX), no information query, and a body without the event, so it is
/// not waitable.
public enum DataStackDriver {
  /// The service and driver name (`\Driver\KObjects`).
  public static let name = "KObjects"
  /// The boot option that selects the variant (`restart option=datastack=part3`).
  public static let bootOption = "datastack"

  /// The image.
  public static var image: DriverImage {
    DriverImage(name: name, fileName: "KObjects.sys", imageSize: 0x9000) { nt, driver, _ in driverEntry(nt, driver) }
  }

  /// The service (demand start: `load driver KObjects` starts it, as `sc start` does).
  public static let service = ServiceEntry(name: name, image: "KObjects.sys", startType: .demand)

  /// Which part of the series the driver is.
  public enum Variant: String, CaseIterable, Sendable {
    /// Push, pop and clear; no DeleteProcedure, no query, not waitable.
    case part3
    /// The finished driver: DeleteProcedure, NtQueryInformationDataStack, waitable.
    case part4
  }

  /// The driver's globals (`g_DataStackType` and the variant it was loaded as).
  public final class State {
    /// The type object pointer ObCreateObjectType returned; the driver holds its reference.
    public internal(set) var type: ObjectType?
    /// The variant.
    public let variant: Variant
    /// Set by DriverUnload: the type's DeleteProcedure is the driver's code, which is gone.
    public internal(set) var unloaded = false
    let nt: Ntoskrnl

    init(nt: Ntoskrnl, variant: Variant) {
      self.nt = nt
      self.variant = variant
    }
  }

  /// FILE_DEVICE_UNKNOWN.
  static let fileDeviceUnknown: UInt32 = 0x22

  static func driverEntry(_ nt: Ntoskrnl, _ driver: DriverObject) -> NTStatus {
    let option = nt.bootOption(bootOption) ?? Variant.part4.rawValue
    guard let variant = Variant(rawValue: option.lowercased()) else {
      nt.DbgPrint("KObjects: boot option \(bootOption)=\(option) is neither part3 nor part4\n")
      return .invalidParameter
    }
    let state = State(nt: nt, variant: variant)
    var status = createObjectType(state)
    guard status.isSuccess else { return status }
    var device: DeviceObject?
    status = nt.IoCreateDevice(driver, nil, DataStackProtocol.deviceName, fileDeviceUnknown, 0, false, &device)
    guard status.isSuccess else { return status }
    driver.context = state
    driver.driverUnload = { d in
      state.unloaded = true
      // The type stays: it is permanent, and deleting a type crashes Windows (part 1).
      if let o = state.type?.object { nt.ObDereferenceObject(o) }
      state.type = nil
      for dev in d.devices { nt.IoDeleteDevice(dev) }
    }
    let complete: (DeviceObject, IRP) -> NTStatus = { _, irp in
      nt.IoCompleteRequest(irp, .success)
      return .success
    }
    driver.majorFunction[.create] = complete
    driver.majorFunction[.close] = complete
    driver.majorFunction[.deviceControl] = { _, irp in deviceControl(state, irp) }
    return .success
  }

  /// DsCreateDataStackObjectType: the seed's initializer. A second load finds the type still there
  /// (it is permanent) and fails with STATUS_OBJECT_NAME_COLLISION: reboot to reload.
  static func createObjectType(_ state: State) -> NTStatus {
    let nt = state.nt
    var initializer = ObjectTypeInitializer()
    initializer.poolType = .nonPagedNx
    initializer.defaultNonPagedPoolCharge = UInt32(state.variant == .part4 ? WaitableDataStack.waitableBodySize : DataStack.bodySize)
    initializer.validAccessMask = DataStackAccess.all
    initializer.genericMapping = DataStackAccess.genericMapping
    if state.variant == .part4 {
      // Weak: the type outlives the driver; once the driver object is gone so is its code.
      initializer.deleteProcedure = { [weak state] object in onDelete(state, nt, object) }
    }
    var type: ObjectType?
    let s = nt.ObCreateObjectType("DataStack", initializer, nil, &type, accessRightNames: DataStackAccess.rightNames)
    if s.isSuccess { state.type = type }
    return s
  }

  /// OnDataStackDelete: frees the items of a stack being destroyed.
  static func onDelete(_ state: State?, _ nt: Ntoskrnl, _ object: KObject) {
    guard let state, !state.unloaded else {
      // The type still points at the unloaded driver's routine: executing it faults.
      nt.KeBugCheckEx(.pageFaultInNonPagedArea, object.address, 0x10, 0, 0)
      return
    }
    (object.body as? DataStack)?.clear(nt)
  }

  // MARK: Dispatch

  /// A user pointer of an input structure: NULL, the memory it points at, or an address that is
  /// not the caller's memory.
  enum Pointer<T> {
    case null
    case valid(T)
    case invalid
  }

  /// The memory a request's pointer members point at, if the caller sent it.
  static func memory(_ irp: IRP) -> DataStackUserMemory? { irp.userArguments.first as? DataStackUserMemory }

  /// The k-th pointer member: NULL, or what `value` finds in the request's memory (missing: an
  /// address the caller does not own).
  static func pointer<T>(_ irp: IRP, _ code: DataStackProtocol.Ioctl, _ slot: Int, _ value: T?) -> Pointer<T> {
    guard let offset = code.pointerOffset(slot), DataStackProtocol.u64(irp.systemBuffer, at: offset) != 0 else { return .null }
    guard let value else { return .invalid }
    return .valid(value)
  }

  /// A buffer pointer as the native API sees it: nil for NULL; an address that is not the caller's
  /// memory becomes a block every access faults on.
  static func buffer(_ p: Pointer<UserBuffer>) -> UserBuffer? {
    switch p {
    case .null: return nil
    case .valid(let b): return b
    case .invalid: return UserBuffer(count: 0, protection: .noAccess)
    }
  }

  static func ulong(_ p: Pointer<UserULong>) -> UserULong? {
    switch p {
    case .null: return nil
    case .valid(let u): return u
    case .invalid: return UserULong(0, protection: .noAccess)
    }
  }

  /// OnDeviceControl: unpacks the input structure and calls the native API's kernel half.
  static func deviceControl(_ state: State, _ irp: IRP) -> NTStatus {
    let nt = state.nt
    // Pointers inside the structures would be 32-bit: WOW64 callers are not supported.
    if nt.IoIs32bitProcess(irp) { return complete(nt, irp, .notImplemented) }
    guard let code = DataStackProtocol.Ioctl(rawValue: irp.ioControlCode) else {
      return complete(nt, irp, .invalidDeviceRequest)
    }
    if code == .query && state.variant == .part3 { return complete(nt, irp, .invalidDeviceRequest) }
    guard irp.inputBufferLength >= code.inputSize else { return complete(nt, irp, .bufferTooSmall) }
    let input = irp.systemBuffer
    let handle = Handle(DataStackProtocol.u64(input, at: 0))
    let memory = memory(irp)
    switch code {
    case .create, .open:
      guard irp.outputBufferLength >= 8 else { return complete(nt, irp, .bufferTooSmall) }
      let attributes: ObjectAttributes?
      switch pointer(irp, code, 0, memory?.objectAttributes) {
      case .null: attributes = nil
      case .valid(let a): attributes = a
      case .invalid: return complete(nt, irp, .accessViolation)
      }
      var h = Handle.null
      let s: NTStatus
      if code == .create {
        s = state.NtCreateDataStack(
          &h, attributes, DataStackProtocol.u32(input, at: 8), DataStackProtocol.u32(input, at: 12),
          DataStackProtocol.u64(input, at: 16))
      } else {
        s = state.NtOpenDataStack(&h, AccessMask(DataStackProtocol.u32(input, at: 0)), attributes)
      }
      guard s.isSuccess else { return complete(nt, irp, s) }
      var out = [UInt8](repeating: 0, count: 8)
      Bytes.put(&out, 0, h.rawValue, 8)
      irp.systemBuffer = out
      return complete(nt, irp, s, information: 8)
    case .push:
      return complete(nt, irp, state.NtPushDataStack(
        handle, buffer(pointer(irp, code, 0, memory?.buffer)), DataStackProtocol.u32(input, at: 16)))
    case .pop:
      return complete(nt, irp, state.NtPopDataStack(
        handle, buffer(pointer(irp, code, 0, memory?.buffer)), ulong(pointer(irp, code, 1, memory?.ulong))))
    case .clear:
      return complete(nt, irp, state.NtClearDataStack(handle))
    case .query:
      return complete(nt, irp, state.NtQueryInformationDataStack(
        handle, DataStackProtocol.u32(input, at: 8), buffer(pointer(irp, code, 0, memory?.buffer)),
        DataStackProtocol.u32(input, at: 24), ulong(pointer(irp, code, 1, memory?.ulong))))
    }
  }

  static func complete(_ nt: Ntoskrnl, _ irp: IRP, _ status: NTStatus, information: UInt64 = 0) -> NTStatus {
    nt.IoCompleteRequest(irp, status, information: information)
    return status
  }
}

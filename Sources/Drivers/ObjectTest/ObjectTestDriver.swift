import Kernel
import NTCore

/// `ObjTest.sys`: a test driver that performs, in kernel mode, the object-manager operations the
/// seed does from kernel code (ExCreateCallback with and without OBJ_PERMANENT, kernel handles,
/// ObMakeTemporaryObject, Zw calls), so the `object` context can show how previous mode changes
/// the rules. It uses only the kernel's exported API.
public enum ObjectTestDriver {
  /// The image.
  public static var image: DriverImage {
    DriverImage(name: "ObjTest", fileName: "ObjTest.sys", imageSize: 0x7000) { nt, driver, _ in driverEntry(nt, driver) }
  }

  /// The service that loads it at boot.
  public static let service = ServiceEntry(name: "ObjTest", image: "ObjTest.sys", startType: .system)

  /// The pointers the driver keeps (its globals).
  final class State {
    var held: [KObject] = []
  }

  static func driverEntry(_ nt: Ntoskrnl, _ driver: DriverObject) -> NTStatus {
    var device: DeviceObject?
    var s = nt.IoCreateDeviceSecure(
      driver, nil, ObjectTestRequest.deviceName, ObjectTestRequest.deviceType, 0, false, "O:BAG:SYD:P(A;;GA;;;SY)(A;;GA;;;BA)", &device)
    guard s.isSuccess else { return s }
    s = nt.IoCreateSymbolicLink(ObjectTestRequest.dosName, ObjectTestRequest.deviceName)
    guard s.isSuccess else {
      if let device { nt.IoDeleteDevice(device) }
      return s
    }
    let state = State()
    driver.context = state
    driver.majorFunction[.deviceControl] = { _, irp in deviceControl(nt, state, irp) }
    driver.driverUnload = { d in
      for o in state.held { nt.ObDereferenceObject(o) }
      state.held.removeAll()
      _ = nt.IoDeleteSymbolicLink(ObjectTestRequest.dosName)
      for dev in d.devices { nt.IoDeleteDevice(dev) }
    }
    return .success
  }

  static func deviceControl(_ nt: Ntoskrnl, _ state: State, _ irp: IRP) -> NTStatus {
    guard let request = ObjectTestRequest.decode(code: irp.ioControlCode, irp.systemBuffer) else {
      return .invalidDeviceRequest
    }
    var reply = ByteWriter()
    let status = perform(request, nt, state, &reply)
    if status.isSuccess {
      guard reply.bytes.count <= irp.outputBufferLength else { return .bufferTooSmall }
      irp.systemBuffer = reply.bytes
      irp.information = UInt64(reply.bytes.count)
    }
    return status
  }

  static func held(_ state: State, _ address: UInt64) -> Int? { state.held.firstIndex { $0.address == address } }

  static func perform(_ request: ObjectTestRequest, _ nt: Ntoskrnl, _ state: State, _ reply: inout ByteWriter) -> NTStatus {
    switch request {
    case .createCallback(let name, let permanent, let multiple):
      var attrs: ObjectAttributeFlags = [.caseInsensitive]
      if permanent { attrs.insert(.permanent) }
      var cb: KObject?
      let s = nt.ExCreateCallback(&cb, ObjectAttributes(name, attributes: attrs), true, multiple)
      guard s.isSuccess, let cb else { return s }
      state.held.append(cb)
      reply.u64(cb.address)
      return .success

    case .createObject(let typeName, let name, let permanent, let kernelOnly, let kernelHandle):
      guard let type = nt.objectType(typeName), ["Event", "Mutant", "Semaphore", "Directory"].contains(type.name) else {
        return .invalidParameter
      }
      var attrs: ObjectAttributeFlags = [.caseInsensitive, .kernelHandle]
      if permanent { attrs.insert(.permanent) }
      if kernelOnly { attrs.insert(.kernelExclusive) }
      var object: KObject?
      let size = type.name == "Directory" ? 0x158 : type.name == "Mutant" ? 0x38 : 0x20
      var s = nt.ObCreateObject(.kernelMode, type, ObjectAttributes(name.isEmpty ? nil : name, attributes: attrs), .kernelMode, nil, size, 0, 0, &object)
      guard s.isSuccess, let object else { return s }
      switch type.name {
      case "Event": object.body = nt.KeInitializeEvent(notification: true, state: false)
      case "Mutant": object.body = nt.KeInitializeMutant()
      case "Semaphore": object.body = nt.KeInitializeSemaphore(count: 0, limit: 0x7FFF_FFFF)
      default: object.body = nt.initializeDirectory()
      }
      var inserted: KObject?
      var handle = Handle.null
      s = nt.ObInsertObject(object, nil, .genericAll, 0, &inserted, &handle)
      guard s.isSuccess, let inserted else { return s }
      state.held.append(inserted)
      if !kernelHandle {
        _ = nt.ZwClose(handle)
        handle = .null
      }
      reply.u64(inserted.address)
      reply.u64(handle.rawValue)
      return s

    case .referenceByName(let name):
      var object: KObject?
      let s = nt.ObReferenceObjectByName(name, [.caseInsensitive], nil, [], nil, .kernelMode, nil, &object)
      guard s.isSuccess, let object else { return s }
      state.held.append(object)
      reply.u64(object.address)
      return .success

    case .dereference(let address):
      guard let i = held(state, address) else { return .invalidParameter }
      let o = state.held.remove(at: i)
      nt.ObDereferenceObject(o)
      return .success

    case .makeTemporary(let address):
      guard let i = held(state, address) else { return .invalidParameter }
      nt.ObMakeTemporaryObject(state.held[i])
      return .success

    case .openByPointer(let address, let access, let kernelHandle):
      guard let i = held(state, address) else { return .invalidParameter }
      var h = Handle.null
      let s = nt.ObOpenObjectByPointer(state.held[i], kernelHandle ? .kernelHandle : [], nil, AccessMask(access), nil, .kernelMode, &h)
      guard s.isSuccess else { return s }
      reply.u64(h.rawValue)
      return .success

    case .openByName(let name, let access, let userModeCheck, let kernelHandle):
      var h = Handle.null
      let attrs = ObjectAttributes(name, attributes: kernelHandle ? [.caseInsensitive, .kernelHandle] : .caseInsensitive)
      let s = nt.ObOpenObjectByName(attrs, nil, userModeCheck ? .userMode : .kernelMode, nil, AccessMask(access), nil, &h)
      guard s.isSuccess else { return s }
      reply.u64(h.rawValue)
      return .success

    case .zwMakeTemporary(let h): return nt.ZwMakeTemporaryObject(Handle(h))
    case .zwMakePermanent(let h): return nt.ZwMakePermanentObject(Handle(h))
    case .zwClose(let h): return nt.ZwClose(Handle(h))

    case .notify(let address, let a, let b):
      guard let i = held(state, address), state.held[i].type.name == "Callback" else { return .invalidParameter }
      nt.ExNotifyCallback(state.held[i], a, b)
      return .success

    case .list:
      let list = state.held.map {
        HeldObject(address: $0.address, typeName: $0.type.name, name: $0.name ?? "", inNamespace: $0.fullPath != nil,
                   handleCount: $0.handleCount, pointerCount: $0.pointerCount, permanent: $0.isPermanent)
      }
      reply = ByteWriter()
      let bytes = HeldObject.encode(list)
      for b in bytes { reply.u8(b) }
      return .success
    }
  }
}

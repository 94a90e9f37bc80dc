import NTCore

/// What a kernel debugger sees of an object: header fields, optional headers, name, security and
/// a one-line description of the body. A snapshot; take a new one after the state changes.
public struct ObjectView: Sendable, Equatable {
  /// The body address.
  public let address: UInt64
  /// The `_OBJECT_HEADER` address.
  public let headerAddress: UInt64
  /// The type's name.
  public let typeName: String
  /// The type object's address.
  public let typeAddress: UInt64
  /// The real type index and the encoded byte in the header.
  public let typeIndex: UInt8
  /// `_OBJECT_HEADER.TypeIndex` as stored (XOR-encoded).
  public let encodedTypeIndex: UInt8
  /// HandleCount.
  public let handleCount: Int64
  /// PointerCount (raw).
  public let pointerCount: Int64
  /// PointerCount minus the handle entries' cached references (`!trueref`).
  public let realPointerCount: Int64
  /// Header flags.
  public let flags: ObjectHeaderFlags
  /// InfoMask.
  public let infoMask: UInt8
  /// Optional headers and their addresses.
  public let optionalHeaders: [(OptionalHeader, UInt64)]
  /// The name in the name-info header, if any.
  public let name: String?
  /// The directory address in the name-info header (0 once the name left the namespace).
  public let directoryAddress: UInt64
  /// The full path while the name is in the namespace.
  public let fullPath: String?
  /// The security descriptor.
  public let securityDescriptor: SecurityDescriptor?
  /// The header's SecurityDescriptor field (EX_FAST_REF: low four bits are a cached count).
  public let securityDescriptorField: UInt64
  /// For links, the target.
  public let linkTarget: String?
  /// A short description of the body's state (`Notification event, signaled`).
  public let bodySummary: String
  /// The pool block holding the object (header included), its size and tag.
  public let poolBlock: (address: UInt64, size: Int, tag: String)

  /// Compares every field.
  public static func == (a: ObjectView, b: ObjectView) -> Bool {
    a.address == b.address && a.pointerCount == b.pointerCount && a.handleCount == b.handleCount && a.flags == b.flags
      && a.name == b.name && a.directoryAddress == b.directoryAddress && a.bodySummary == b.bodySummary
  }
}

extension Kernel {
  /// The debugger's view of the live object at (or whose header is at) an address.
  public func inspectObject(at address: UInt64) -> ObjectView? {
    guard let o = ob.object(at: address) else { return nil }
    return inspect(o)
  }

  /// The debugger's view of an object.
  public func inspect(_ o: KObject) -> ObjectView {
    let sdField = o.securityBlock.map { $0.block.address | UInt64(min($0.references, 0xF)) } ?? 0
    return ObjectView(
      address: o.address, headerAddress: o.headerAddress, typeName: o.type.name, typeAddress: o.type.object?.address ?? 0,
      typeIndex: o.type.index, encodedTypeIndex: ob.encodedTypeIndex(o), handleCount: o.handleCount,
      pointerCount: o.pointerCount, realPointerCount: ob.truePointerCount(o), flags: o.flags, infoMask: o.infoMask,
      optionalHeaders: o.optionalHeaders.compactMap { h in o.address(of: h).map { (h, $0) } }, name: o.name,
      directoryAddress: o.directory?.address ?? 0, fullPath: o.fullPath, securityDescriptor: o.securityDescriptor,
      securityDescriptorField: sdField, linkTarget: (o.body as? SymbolicLink).map(\.target),
      bodySummary: summary(of: o), poolBlock: (o.block.headerAddress, o.block.blockSize, o.block.tag.description))
  }

  /// One line about a body's state.
  public func summary(of o: KObject) -> String {
    switch o.body {
    case let e as KEvent: return "\(e.isNotification ? "Notification" : "Synchronization") event, \(e.isSet ? "signaled" : "not signaled"), \(e.waiterCount) waiting"
    case let m as KMutant:
      if let owner = m.owner { return "Mutant owned by thread \(owner.tid) of \(owner.process.imageName) (recursion \(m.recursion))\(m.abandoned ? ", abandoned" : "")" }
      return "Mutant, free\(m.abandoned ? ", abandoned" : ""), \(m.waiterCount) waiting"
    case let s as KSemaphore: return "Semaphore, count \(s.count) of \(s.limit), \(s.waiterCount) waiting"
    case let j as EJob: return "Job, \(j.activeProcesses.count) active of \(j.totalProcesses) assigned processes"
    case let p as EProcess: return "Process \(p.imageName) pid \(p.pid)" + (p.exitStatus.map { ", exited with 0x" + String($0, radix: 16) } ?? "")
    case let t as EThread: return "Thread \(t.tid) of \(t.process.imageName) (pid \(t.process.pid)), \(t.isAlive ? "\(t.state)" : "exited")"
    case let d as ObjectDirectory: return "Directory, \(d.count) entries"
    case let l as SymbolicLink: return l.dynamicTarget != nil ? "Dynamic symbolic link" : "Symbolic link to \(l.target)"
    case let c as CallbackObject: return "Callback object, \(c.registrations.count) registered, multiple \(c.allowMultipleCallbacks ? "allowed" : "not allowed")"
    case let t as ObjectType: return "Object type \(t.name), index \(t.index), \(t.totalObjects) objects, \(t.totalHandles) handles"
    case let t as Token: return "Token of \(t.userName), \(IntegrityNames.name(t.integrityLevel)) integrity"
    case let d as DeviceObject: return "Device of \(d.driver.name)"
    case let d as DriverObject: return "Driver \(d.name), \(d.devices.count) devices"
    case let f as FileObject: return "File object on \(f.device.fullPath ?? "an unnamed device")"
    case let s as SessionBody: return "Session \(s.id)"
    case let x as OpaqueBody: return "\(x.note) (not modelled beyond its header)"
    case nil: return o.isDeleted ? "Deleted" : "Uninitialized body"
    default: return "\(o.type.name) body"
    }
  }
}

extension Kernel {
  /// Looks a path up as kernel code would (no access check, links followed unless `openLink`),
  /// without keeping a reference: for debugger views.
  public func findObject(_ path: String, openLink: Bool = false) -> Result<KObject, NTStatus> {
    var attrs: ObjectAttributeFlags = [.caseInsensitive]
    if openLink { attrs.insert(.openLink) }
    switch ob.referenceByName(path, attributes: attrs, type: nil, desired: [], mode: .kernelMode, process: systemProcess) {
    case .failure(let s): return .failure(s)
    case .success(let o):
      ob.dereference(o)
      return .success(o)
    }
  }
}

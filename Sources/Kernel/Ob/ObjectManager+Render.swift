import NTCore

/// A body that can render its memory image (in its x64 layout) from live state.
public protocol ObjectBodyImage: AnyObject {
  /// The body's bytes; shorter images are zero-padded to the body size.
  func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8]
}

extension ObjectManager {
  /// The bytes of an object's pool allocation after the pool header: optional headers (highest
  /// bit lowest in memory), `_OBJECT_HEADER`, body.
  func renderAllocation(_ object: KObject) -> [UInt8] {
    var bytes: [UInt8] = []
    for h in OptionalHeader.allCases.reversed() where object.infoMask & h.rawValue != 0 {
      bytes += renderOptional(h, of: object)
    }
    bytes += renderHeader(object)
    var body = (object.body as? ObjectBodyImage)?.bodyImage(of: object, kernel: kernel) ?? []
    if body.count < object.bodySize { body += Array(repeating: 0, count: object.bodySize - body.count) }
    if body.count > object.bodySize { body.removeLast(body.count - object.bodySize) }
    return bytes + body
  }

  /// The encoded `_OBJECT_HEADER.TypeIndex`: index ^ ObHeaderCookie ^ second byte of the header address.
  public func encodedTypeIndex(_ object: KObject) -> UInt8 {
    object.type.index ^ kernel.layout.headerCookie ^ UInt8((object.headerAddress >> 8) & 0xFF)
  }

  func renderHeader(_ object: KObject) -> [UInt8] {
    var w = LayoutWriter("_OBJECT_HEADER")
    w.set("PointerCount", signed: object.pointerCount)
    w.set("HandleCount", signed: object.handleCount)
    w.set("TypeIndex", UInt64(encodedTypeIndex(object)))
    w.set("InfoMask", UInt64(object.infoMask))
    w.set("Flags", UInt64(object.flags.rawValue))
    if let sd = object.securityBlock {
      w.set("SecurityDescriptor", sd.block.address | UInt64(min(sd.references, 0xF)))
    }
    return Array(w.bytes.prefix(0x30))  // `Body` (+0x30) is the body itself
  }

  func renderOptional(_ h: OptionalHeader, of object: KObject) -> [UInt8] {
    switch h {
    case .nameInfo:
      var w = LayoutWriter("_OBJECT_HEADER_NAME_INFO")
      w.set("Directory", object.directory?.address ?? 0)
      if let name = object.name {
        w.setUnicodeString("Name", length: name.utf16.count * 2, buffer: object.nameBlock?.address ?? 0)
      }
      return w.bytes
    case .creatorInfo:
      var w = LayoutWriter("_OBJECT_HEADER_CREATOR_INFO")
      if let a = object.address(of: .creatorInfo) { w.setEmptyList("TypeList", base: a) }
      w.set("CreatorUniqueProcess", UInt64(object.creatorPid))
      return w.bytes
    case .quotaInfo:
      var w = LayoutWriter("_OBJECT_HEADER_QUOTA_INFO")
      w.set("PagedPoolCharge", UInt64(object.pagedCharge))
      w.set("NonPagedPoolCharge", UInt64(object.nonPagedCharge))
      w.set("SecurityDescriptorCharge", object.securityDescriptor == nil ? 0 : 0x800)
      return w.bytes
    case .processInfo:
      var w = LayoutWriter("_OBJECT_HEADER_PROCESS_INFO")
      w.set("ExclusiveProcess", object.exclusiveProcess?.object?.address ?? 0)
      return w.bytes
    case .handleInfo:
      var w = LayoutWriter("_OBJECT_HEADER_HANDLE_INFO")
      if let p = kernel.processes.first(where: { handleCount(of: object, in: $0) > 0 }) {
        w.set("SingleEntry.Process", p.object?.address ?? 0)
        w.set("SingleEntry.HandleCount", UInt64(handleCount(of: object, in: p)))
      }
      return w.bytes
    case .auditInfo, .extendedInfo, .paddingInfo:
      return Array(repeating: 0, count: h.size)
    }
  }
}

extension ObjectType: ObjectBodyImage {
  /// `_OBJECT_TYPE`.
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_OBJECT_TYPE")
    w.setEmptyList("TypeList", base: object.address)
    w.setUnicodeString("Name", length: name.utf16.count * 2, buffer: object.nameBlock?.address ?? 0)
    w.set("DefaultObject", initializer.useDefaultObject ? kernel.symbols.address(of: "ObpDefaultObject") ?? 0 : 0)
    w.set("Index", UInt64(index))
    w.set("TotalNumberOfObjects", UInt64(totalObjects))
    w.set("TotalNumberOfHandles", UInt64(totalHandles))
    w.set("HighWaterNumberOfObjects", UInt64(highWaterObjects))
    w.set("HighWaterNumberOfHandles", UInt64(highWaterHandles))
    w.set("TypeInfo.Length", UInt64(initializer.length))
    w.set("TypeInfo.ObjectTypeFlags", UInt64(initializer.flagsValue))
    w.set("TypeInfo.ObjectTypeCode", UInt64(initializer.objectTypeCode))
    w.set("TypeInfo.InvalidAttributes", UInt64(initializer.invalidAttributes.rawValue))
    w.set("TypeInfo.GenericMapping.GenericRead", UInt64(initializer.genericMapping.read.rawValue))
    w.set("TypeInfo.GenericMapping.GenericWrite", UInt64(initializer.genericMapping.write.rawValue))
    w.set("TypeInfo.GenericMapping.GenericExecute", UInt64(initializer.genericMapping.execute.rawValue))
    w.set("TypeInfo.GenericMapping.GenericAll", UInt64(initializer.genericMapping.all.rawValue))
    w.set("TypeInfo.ValidAccessMask", UInt64(initializer.validAccessMask.rawValue))
    w.set("TypeInfo.RetainAccess", UInt64(initializer.retainAccess.rawValue))
    w.set("TypeInfo.PoolType", UInt64(initializer.poolType.rawValue))
    w.set("TypeInfo.DefaultPagedPoolCharge", UInt64(initializer.defaultPagedPoolCharge))
    w.set("TypeInfo.DefaultNonPagedPoolCharge", UInt64(initializer.defaultNonPagedPoolCharge))
    w.set("Key", UInt64(key.rawValue))
    w.setEmptyList("CallbackList", base: object.address)
    return w.bytes
  }
}

extension ObjectDirectory: ObjectBodyImage {
  /// `_OBJECT_DIRECTORY`.
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_OBJECT_DIRECTORY")
    var heads: [UInt8] = []
    for b in 0..<Self.bucketCount { heads += LE.bytes(bucketHead(b), count: 8) }
    w.set("HashBuckets", bytes: heads)
    w.set("SessionId", UInt64(sessionId ?? 0xFFFF_FFFF))
    return w.bytes
  }
}

extension SymbolicLink: ObjectBodyImage {
  /// `_OBJECT_SYMBOLIC_LINK`.
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_OBJECT_SYMBOLIC_LINK")
    w.set("CreationTime.QuadPart", signed: creationTime)
    w.setUnicodeString("LinkTarget", length: target.utf16.count * 2, buffer: target.isEmpty ? 0 : object.address + 0x38)
    w.set("AccessMask", 0xF_0001)
    return w.bytes
  }
}

/// Writes a `_DISPATCHER_HEADER` with an empty or live wait list.
func dispatcherHeaderBytes(_ d: DispatcherObject, base: UInt64, size: UInt8) -> [UInt8] {
  var w = LayoutWriter("_DISPATCHER_HEADER")
  w.set("Type", UInt64(d.kind.rawValue))
  w.set("Size", UInt64(size))
  w.set("SignalState", signed: Int64(d.signalState))
  w.setEmptyList("WaitListHead", base: base)
  return w.bytes
}

extension KEvent: ObjectBodyImage {
  /// `_KEVENT`.
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    dispatcherHeaderBytes(self, base: object.address, size: 6)
  }
}

extension KSemaphore: ObjectBodyImage {
  /// `_KSEMAPHORE`.
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_KSEMAPHORE")
    w.set("Header", bytes: dispatcherHeaderBytes(self, base: object.address, size: 8))
    w.set("Limit", signed: Int64(limit))
    return w.bytes
  }
}

extension KMutant: ObjectBodyImage {
  /// `_KMUTANT`.
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_KMUTANT")
    var header = dispatcherHeaderBytes(self, base: object.address, size: 14)
    let state = owner == nil ? Int64(1) : Int64(1 - recursion)
    header.replaceSubrange(4..<8, with: LE.bytes(UInt64(bitPattern: state), count: 4))
    w.set("Header", bytes: header)
    w.setEmptyList("MutantListEntry", base: object.address)
    w.set("OwnerThread", owner?.object?.address ?? 0)
    w.set("Abandoned", abandoned ? 1 : 0)
    return w.bytes
  }
}

extension EJob: ObjectBodyImage {
  /// `_EJOB` (the members ntsh keeps).
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_EJOB")
    w.set("Event", bytes: dispatcherHeaderBytes(event, base: object.address, size: 6))
    w.setEmptyList("JobLinks", base: object.address)
    if let first = processes.first?.object, let last = processes.last?.object {
      w.set("ProcessListHead.Flink", first.address + 0x5c8)
      w.set("ProcessListHead.Blink", last.address + 0x5c8)
    } else {
      w.setEmptyList("ProcessListHead", base: object.address)
    }
    w.set("TotalProcesses", UInt64(totalProcesses))
    w.set("ActiveProcesses", UInt64(activeProcesses.count))
    return w.bytes
  }
}

extension EProcess: ObjectBodyImage {
  /// `_EPROCESS` (the members ntsh keeps).
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_EPROCESS")
    var header = dispatcherHeaderBytes(self.header, base: object.address, size: 0x1b)
    header[0] = DispatcherObject.Kind.process.rawValue
    w.set("Pcb.Header", bytes: header)
    w.set("Pcb.DirectoryTableBase", directoryTableBase)
    w.set("UniqueProcessId", UInt64(pid))
    let all = kernel.processes
    if let i = all.firstIndex(where: { $0 === self }) {
      let head = kernel.symbols.address(of: "PsActiveProcessHead") ?? 0
      let next = i + 1 < all.count ? (all[i + 1].object?.address ?? 0) + 0x448 : head
      let prev = i > 0 ? (all[i - 1].object?.address ?? 0) + 0x448 : head
      w.set("ActiveProcessLinks.Flink", next)
      w.set("ActiveProcessLinks.Blink", prev)
    }
    w.set("Token.Value", tokenObject.address | 0x7)
    w.set("CreateTime.QuadPart", signed: kernel.dispatcher.bootSystemTime &+ createTime)
    w.set("Job", job?.address ?? 0)
    w.set("InheritedFromUniqueProcessId", UInt64(parentPid))
    w.set("Peb", peb)
    w.set("ObjectTable", isAlive ? handleTable.address : 0)
    w.set("ImageFileName", bytes: Array(imageName.utf8.prefix(14)) + [0])
    w.set("ActiveThreads", UInt64(liveThreads.count))
    w.set("SessionId", UInt64(sessionId ?? 0xFFFF_FFFF))
    if let e = exitStatus { w.set("ExitStatus", UInt64(e)) }
    return w.bytes
  }
}

extension EThread: ObjectBodyImage {
  /// `_ETHREAD` (the members ntsh keeps).
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_ETHREAD")
    var header = dispatcherHeaderBytes(self.header, base: object.address, size: 0x1a)
    header[0] = DispatcherObject.Kind.thread.rawValue
    w.set("Tcb.Header", bytes: header)
    w.set("Tcb.Teb", teb)
    w.set("Tcb.Priority", UInt64(UInt8(truncatingIfNeeded: priority)))
    w.set("Tcb.BasePriority", UInt64(UInt8(truncatingIfNeeded: basePriority)))
    w.set("Tcb.State", UInt64(state.rawValue))
    w.set("Tcb.WaitReason", UInt64(waitReason.rawValue))
    w.set("Tcb.Process", process.object?.address ?? 0)
    w.set("Cid.UniqueProcess", UInt64(process.pid))
    w.set("Cid.UniqueThread", UInt64(tid))
    if let e = exitStatus { w.set("ExitStatus", UInt64(e)) }
    return w.bytes
  }
}

extension Token: ObjectBodyImage {
  /// `_TOKEN` (the members ntsh keeps).
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_TOKEN")
    w.set("TokenSource", bytes: Array("User32  ".utf8))
    w.set("TokenId", tokenId)
    w.set("AuthenticationId", authenticationId)
    w.set("SessionId", UInt64(sessionId))
    w.set("UserAndGroupCount", UInt64(groups.count + 1))
    w.set("PrivilegeCount", UInt64(privileges.count))
    return w.bytes
  }
}

import NTCore

/// Executive exports: pool, callback objects, fast mutexes.
extension Ntoskrnl {
  /// ExAllocatePoolWithTag: nil when the size is zero or too large or the pool is exhausted.
  public func ExAllocatePoolWithTag(_ poolType: PoolType, _ numberOfBytes: Int, _ tag: PoolTag) -> Pool.Block? {
    kernel.pool.allocate(poolType, size: numberOfBytes, tag: tag)
  }

  /// ExFreePool. Freeing a block twice is bugcheck 0xC2 BAD_POOL_CALLER, as on Windows.
  public func ExFreePool(_ block: Pool.Block) {
    if !kernel.pool.free(block) { kernel.bugCheck(.badPoolCaller, 7, 0, block.address, 0) }
  }

  /// ExFreePoolWithTag: the tag must match the allocation's (BAD_POOL_CALLER otherwise).
  public func ExFreePoolWithTag(_ block: Pool.Block, _ tag: PoolTag) {
    guard block.tag == tag else {
      kernel.bugCheck(.badPoolCaller, 0xA, block.address, UInt64(tag.rawValue), UInt64(block.tag.rawValue))
      return
    }
    ExFreePool(block)
  }

  /// ExCreateCallback: opens the named callback object, or creates it when `create` is set.
  ///
  /// Like Windows, creation inserts the object with a handle, references it and closes the
  /// handle: without OBJ_PERMANENT the name disappears at once and only the returned pointer
  /// keeps the object alive (the seed's point); with OBJ_PERMANENT the name stays.
  public func ExCreateCallback(
    _ callbackObject: inout KObject?, _ objectAttributes: ObjectAttributes, _ create: Bool, _ allowMultipleCallbacks: Bool
  ) -> NTStatus {
    guard let type = ob.type(named: "Callback") else { return .unsuccessful }
    var handle = Handle.null
    if objectAttributes.objectName != nil {
      var open = objectAttributes
      open.attributes.insert(.kernelHandle)
      let s = ObOpenObjectByName(open, type, .kernelMode, nil, [], nil, &handle)
      if !s.isSuccess && !(create && s == .objectNameNotFound) { return s }
    }
    if handle == .null {
      guard create else { return .objectNameNotFound }
      var object: KObject?
      let s = ObCreateObject(.kernelMode, type, objectAttributes, .kernelMode, nil, 0x40, 0, 0, &object)
      guard s.isSuccess, let o = object else { return s }
      o.body = CallbackObject(allowMultipleCallbacks: allowMultipleCallbacks)
      switch ob.insertObject(o, desiredAccess: AccessMask(0x1F_0001), mode: .kernelMode, process: kernel.currentProcess,
                             wantHandle: true, handleAttributes: .kernelHandle) {
      case .failure(let s): return s
      case .success(let r): handle = r.handle ?? .null
      }
    }
    var object: KObject?
    let s = ObReferenceObjectByHandle(handle, [], type, .kernelMode, &object)
    _ = ZwClose(handle)
    guard s.isSuccess else { return s }
    callbackObject = object
    return .success
  }

  /// ExRegisterCallback: nil when the object allows one function and already has it.
  public func ExRegisterCallback(
    _ callbackObject: KObject, _ function: @escaping (_ context: AnyObject?, _ argument1: UInt64, _ argument2: UInt64) -> Void,
    _ context: AnyObject?
  ) -> CallbackObject.Registration? {
    guard let cb = callbackObject.body as? CallbackObject else { return nil }
    if !cb.allowMultipleCallbacks && !cb.registrations.isEmpty { return nil }
    let r = CallbackObject.Registration(function: function, context: context, owner: cb)
    cb.registrations.append(r)
    ob.reference(callbackObject)
    cb.object = callbackObject
    return r
  }

  /// ExUnregisterCallback.
  public func ExUnregisterCallback(_ registration: CallbackObject.Registration) {
    guard let cb = registration.owner, let i = cb.registrations.firstIndex(where: { $0 === registration }) else { return }
    cb.registrations.remove(at: i)
    if let o = cb.object { ob.dereference(o) }
  }

  /// ExNotifyCallback: calls every registered function in registration order.
  public func ExNotifyCallback(_ callbackObject: KObject, _ argument1: UInt64, _ argument2: UInt64) {
    guard let cb = callbackObject.body as? CallbackObject else { return }
    cb.notifications += 1
    for r in cb.registrations { r.function(r.context, argument1, argument2) }
  }

  /// ExInitializeFastMutex.
  public func ExInitializeFastMutex() -> FastMutex { FastMutex() }

  /// ExAcquireFastMutex (a recursive acquire is a bugcheck, where Windows would deadlock).
  public func ExAcquireFastMutex(_ mutex: FastMutex) { mutex.acquire(by: kernel.currentThread, kernel: kernel) }

  /// ExReleaseFastMutex.
  public func ExReleaseFastMutex(_ mutex: FastMutex) { mutex.release(by: kernel.currentThread, kernel: kernel) }
}

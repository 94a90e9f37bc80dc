import NTCore

/// Object-manager exports.
extension Ntoskrnl {
  /// ObCreateObjectType (undocumented, exported): registers a new type; `\ObjectTypes\<name>`
  /// appears and the type gets the next free index. A second registration of a name fails with
  /// STATUS_OBJECT_NAME_COLLISION (the type object is permanent), as the seed's driver learns.
  ///
  /// `accessRightNames` (an ntsh extension) names the type's specific rights for listings
  /// (`[(0x1, "QUERY"), (0x2, "PUSH")]`); Windows keeps no such names.
  public func ObCreateObjectType(
    _ typeName: String, _ initializer: ObjectTypeInitializer, _ securityDescriptor: SecurityDescriptor?,
    _ objectType: inout ObjectType?, accessRightNames: [(UInt32, String)] = []
  ) -> NTStatus {
    switch ob.createType(
      name: typeName, initializer: initializer, bodySize: 0, specificRights: accessRightNames,
      securityDescriptor: securityDescriptor)
    {
    case .failure(let s): return s
    case .success(let t):
      objectType = t
      return .success
    }
  }

  /// ObCreateObject: allocates an object (header and a body of `bodySize` bytes) that is not yet
  /// in the namespace; set ``KObject/body`` to initialize it, then call ``ObInsertObject``.
  public func ObCreateObject(
    _ probeMode: KProcessorMode, _ objectType: ObjectType, _ objectAttributes: ObjectAttributes?,
    _ ownershipMode: KProcessorMode, _ parseContext: AnyObject?, _ objectBodySize: Int, _ pagedPoolCharge: UInt32,
    _ nonPagedPoolCharge: UInt32, _ object: inout KObject?
  ) -> NTStatus {
    switch ob.createObject(
      probeMode: probeMode, type: objectType, attributes: objectAttributes, ownership: ownershipMode,
      bodySize: objectBodySize, pagedCharge: pagedPoolCharge == 0 ? nil : pagedPoolCharge,
      nonPagedCharge: nonPagedPoolCharge == 0 ? nil : nonPagedPoolCharge, body: nil, process: kernel.currentProcess)
    {
    case .failure(let s): return s
    case .success(let o):
      object = o
      return .success
    }
  }

  /// ObInsertObject: names the object (OBJ_OPENIF opens an existing one: STATUS_OBJECT_NAME_EXISTS),
  /// assigns security and returns a handle with `desiredAccess`. On failure the object is freed.
  /// The creation reference is consumed; `newObject` (when the caller wants it) gets a reference.
  public func ObInsertObject(
    _ object: KObject, _ accessState: AnyObject?, _ desiredAccess: AccessMask, _ objectPointerBias: UInt32,
    _ newObject: inout KObject?, _ handle: inout Handle
  ) -> NTStatus {
    let mode = object.probeMode
    switch ob.insertObject(object, desiredAccess: desiredAccess, mode: mode, process: kernel.currentProcess, wantHandle: true) {
    case .failure(let s): return s
    case .success(let r):
      handle = r.handle ?? .null
      newObject = r.object
      ob.reference(r.object, count: 1 + Int64(objectPointerBias))
      return r.status
    }
  }

  /// ObReferenceObjectByHandle: the object behind a handle, type- and (for UserMode) access-checked.
  /// The caller must ObDereferenceObject it.
  public func ObReferenceObjectByHandle(
    _ handle: Handle, _ desiredAccess: AccessMask, _ objectType: ObjectType?, _ accessMode: KProcessorMode,
    _ object: inout KObject?, _ grantedAccess: inout AccessMask
  ) -> NTStatus {
    switch ob.referenceByHandle(handle, desired: desiredAccess, type: objectType, mode: accessMode, process: kernel.currentProcess) {
    case .failure(let s): return s
    case .success(let r):
      object = r.object
      grantedAccess = r.grantedAccess
      return .success
    }
  }

  /// ObReferenceObjectByHandle without the granted-access output.
  public func ObReferenceObjectByHandle(
    _ handle: Handle, _ desiredAccess: AccessMask, _ objectType: ObjectType?, _ accessMode: KProcessorMode,
    _ object: inout KObject?
  ) -> NTStatus {
    var granted: AccessMask = []
    return ObReferenceObjectByHandle(handle, desiredAccess, objectType, accessMode, &object, &granted)
  }

  /// ObOpenObjectByName: a handle to a named object of a type.
  public func ObOpenObjectByName(
    _ objectAttributes: ObjectAttributes, _ objectType: ObjectType?, _ accessMode: KProcessorMode,
    _ accessState: AnyObject?, _ desiredAccess: AccessMask, _ parseContext: AnyObject?, _ handle: inout Handle
  ) -> NTStatus {
    switch ob.openByName(objectAttributes, type: objectType, mode: accessMode, desired: desiredAccess, process: kernel.currentProcess) {
    case .failure(let s): return s
    case .success(let (h, _)):
      handle = h
      return .success
    }
  }

  /// ObOpenObjectByPointer: a handle to an object the caller holds (OBJ_KERNEL_HANDLE for a kernel handle).
  public func ObOpenObjectByPointer(
    _ object: KObject, _ handleAttributes: ObjectAttributeFlags, _ accessState: AnyObject?, _ desiredAccess: AccessMask,
    _ objectType: ObjectType?, _ accessMode: KProcessorMode, _ handle: inout Handle
  ) -> NTStatus {
    switch ob.openByPointer(object, attributes: handleAttributes, desired: desiredAccess, type: objectType, mode: accessMode, process: kernel.currentProcess) {
    case .failure(let s): return s
    case .success(let h):
      handle = h
      return .success
    }
  }

  /// ObReferenceObjectByName (exported, undocumented): the object behind a path, referenced.
  public func ObReferenceObjectByName(
    _ objectName: String, _ attributes: ObjectAttributeFlags, _ accessState: AnyObject?, _ desiredAccess: AccessMask,
    _ objectType: ObjectType?, _ accessMode: KProcessorMode, _ parseContext: AnyObject?, _ object: inout KObject?
  ) -> NTStatus {
    switch ob.referenceByName(objectName, attributes: attributes, type: objectType, desired: desiredAccess, mode: accessMode, process: kernel.currentProcess) {
    case .failure(let s): return s
    case .success(let o):
      object = o
      return .success
    }
  }

  /// ObfReferenceObject / ObReferenceObject.
  public func ObReferenceObject(_ object: KObject) { ob.reference(object) }

  /// ObfDereferenceObject / ObDereferenceObject: the last reference frees the object (running its
  /// type's DeleteProcedure); dereferencing a freed object is bugcheck 0x18.
  public func ObDereferenceObject(_ object: KObject) { ob.dereference(object) }

  /// ObMakeTemporaryObject: clears permanence; the name goes now if no handle is open.
  public func ObMakeTemporaryObject(_ object: KObject) { ob.makeTemporary(object) }

  /// ObGetObjectType: the type of an object.
  public func ObGetObjectType(_ object: KObject) -> ObjectType { object.type }

  /// ObQueryNameString: the object's full path, or nil.
  public func ObQueryNameString(_ object: KObject) -> String? { object.fullPath }

  /// The standard type objects drivers reference (`*ExEventObjectType`, `*PsProcessType`…).
  public func objectType(_ name: String) -> ObjectType? { ob.type(named: name) }

  /// ZwClose: closes a handle with previous mode KernelMode (kernel handles allowed).
  public func ZwClose(_ handle: Handle) -> NTStatus {
    ob.closeHandle(handle, mode: .kernelMode, process: kernel.currentProcess)
  }

  /// ZwMakeTemporaryObject: NtMakeTemporaryObject with previous mode KernelMode (no access check).
  public func ZwMakeTemporaryObject(_ handle: Handle) -> NTStatus {
    kernel.services.NtMakeTemporaryObject(handle, mode: .kernelMode)
  }

  /// ZwMakePermanentObject: NtMakePermanentObject with previous mode KernelMode (no privilege needed).
  public func ZwMakePermanentObject(_ handle: Handle) -> NTStatus {
    kernel.services.NtMakePermanentObject(handle, mode: .kernelMode)
  }
}

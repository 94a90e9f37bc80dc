import Kernel
import NTCore

/// The native API's kernel half (the seed's `DataStackImpl.cpp`): each routine runs in the caller's
/// context, so ``Ntoskrnl/ExGetPreviousMode()`` is UserMode for a process's request and handles are
/// the caller's. Parameter checks come first, in the seed's order, then the handle reference with the
/// right the operation needs.
extension DataStackDriver.State {
  /// The body a referenced DataStack object carries.
  private func body(_ object: KObject) -> DataStack? { object.body as? DataStack }

  /// NtCreateDataStack: creates an object (named or not) and a handle with DATA_STACK_ALL_ACCESS.
  /// With OBJ_OPENIF an existing object of the name is opened instead (STATUS_OBJECT_NAME_EXISTS):
  /// it keeps its own limits and the ones given here are dropped with the discarded new object.
  public func NtCreateDataStack(
    _ handle: inout Handle, _ attributes: ObjectAttributes?, _ maxItemSize: UInt32, _ maxItemCount: UInt32,
    _ maxSize: UInt64
  ) -> NTStatus {
    let mode = nt.ExGetPreviousMode()
    guard let type else { return .notFound }
    let bodySize = variant == .part4 ? WaitableDataStack.waitableBodySize : DataStack.bodySize
    var created: KObject?
    var s = nt.ObCreateObject(mode, type, attributes, mode, nil, bodySize, 0, 0, &created)
    guard s.isSuccess, let object = created else { return s }
    let limits = DataStackConfiguration(maxItemSize: maxItemSize, maxItemCount: maxItemCount, maxSize: maxSize)
    switch variant {
    case .part3: object.body = DataStack(nt, object: object, configuration: limits, headOffset: 0)
    case .part4: object.body = WaitableDataStack(nt, object: object, configuration: limits)
    }
    var h = Handle.null
    var inserted: KObject?
    s = nt.ObInsertObject(object, nil, DataStackAccess.all, 0, &inserted, &h)
    if let inserted { nt.ObDereferenceObject(inserted) }
    if s.isSuccess { handle = h }
    return s
  }

  /// NtOpenDataStack: ObOpenObjectByName for the DataStack type with the desired access (the object
  /// manager's statuses: NAME_NOT_FOUND, TYPE_MISMATCH, ACCESS_DENIED…).
  public func NtOpenDataStack(_ handle: inout Handle, _ desiredAccess: AccessMask, _ attributes: ObjectAttributes?) -> NTStatus {
    guard let type else { return .notFound }
    guard let attributes else { return .invalidParameter }
    return nt.ObOpenObjectByName(attributes, type, nt.ExGetPreviousMode(), nil, desiredAccess, nil, &handle)
  }

  /// References a handle for an operation, runs it on the body and dereferences.
  private func withStack(_ handle: Handle, _ access: AccessMask, _ body: (DataStack) -> NTStatus) -> NTStatus {
    guard let type else { return .notFound }
    var object: KObject?
    let s = nt.ObReferenceObjectByHandle(handle, access, type, nt.ExGetPreviousMode(), &object)
    guard s.isSuccess, let object else { return s }
    defer { nt.ObDereferenceObject(object) }
    guard let ds = self.body(object) else { return .objectTypeMismatch }
    return body(ds)
  }

  /// NtPushDataStack: size zero is STATUS_INVALID_PARAMETER_3, a NULL item STATUS_INVALID_PARAMETER_2;
  /// then DATA_STACK_PUSH on the handle, the copy and the limits.
  public func NtPushDataStack(_ handle: Handle, _ item: UserBuffer?, _ itemSize: UInt32) -> NTStatus {
    if itemSize == 0 { return .invalidParameter(3) }
    guard let item else { return .invalidParameter(2) }
    let mode = nt.ExGetPreviousMode()
    return withStack(handle, DataStackAccess.push) { $0.push(nt, item, itemSize, mode: mode) }
  }

  /// NtPopDataStack: a NULL size pointer is STATUS_INVALID_PARAMETER_3; the size is read from the
  /// caller (a fault gives the exception code); a NULL buffer with a non-zero size is
  /// STATUS_INVALID_PARAMETER_2; then DATA_STACK_POP on the handle.
  public func NtPopDataStack(_ handle: Handle, _ buffer: UserBuffer?, _ bufferSize: UserULong?) -> NTStatus {
    guard let bufferSize else { return .invalidParameter(3) }
    guard let size = bufferSize.read() else { return .accessViolation }
    if buffer == nil && size != 0 { return .invalidParameter(2) }
    return withStack(handle, DataStackAccess.pop) { $0.pop(nt, buffer, inputSize: size, itemSize: bufferSize) }
  }

  /// NtClearDataStack: DATA_STACK_CLEAR on the handle; frees every item.
  public func NtClearDataStack(_ handle: Handle) -> NTStatus {
    withStack(handle, DataStackAccess.clear) { $0.clear(nt) }
  }

  /// NtQueryInformationDataStack: DATA_STACK_QUERY on the handle first; then a NULL buffer needs a
  /// return-length pointer and a zero size (a size probe), a buffer needs a non-zero size
  /// (STATUS_INVALID_PARAMETER otherwise); an unknown class is STATUS_INVALID_INFO_CLASS; a short
  /// buffer STATUS_BUFFER_TOO_SMALL. The return length receives the class's size in both of the
  /// last cases. Every path drops the reference (the blog's version leaked it on early returns).
  public func NtQueryInformationDataStack(
    _ handle: Handle, _ informationClass: UInt32, _ buffer: UserBuffer?, _ bufferSize: UInt32, _ returnLength: UserULong?
  ) -> NTStatus {
    let mode = nt.ExGetPreviousMode()
    return withStack(handle, DataStackAccess.query) { ds in
      if buffer == nil && (returnLength == nil || bufferSize != 0) { return .invalidParameter }
      if buffer != nil && bufferSize == 0 { return .invalidParameter }
      guard let c = DataStackInformationClass(rawValue: informationClass) else { return .invalidInfoClass }
      let length = c.length
      var status = NTStatus.success
      if Int(bufferSize) < length {
        status = .bufferTooSmall
      } else if let buffer {
        // ProbeForWrite of the buffer and the return length for user callers, then the copy itself.
        if mode != .kernelMode {
          let writable = returnLength.map { $0.protection == .readWrite } ?? true
          guard buffer.probeForWrite(Int(bufferSize)).isSuccess, writable else { return .accessViolation }
        }
        guard buffer.probeForWrite(length).isSuccess else { return .accessViolation }
        ds.information(nt, c, into: buffer)
      }
      if let returnLength, !returnLength.write(UInt32(length)) { return .accessViolation }
      return status
    }
  }
}

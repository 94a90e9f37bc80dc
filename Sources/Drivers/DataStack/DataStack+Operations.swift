import Kernel
import NTCore

/// The object-level operations (the seed's `Ds*` functions): they work on a referenced body, no
/// handles involved, under the body's fast mutex.
extension DataStack {
  /// DsPushDataStack: copies the caller's bytes into a new `Dstk` block, then adds it at the top if
  /// the limits allow (STATUS_NO_MORE_ENTRIES for the item count, STATUS_NOT_CAPABLE for the item
  /// size and the total size). A limit of zero means no limit — for the item count too, where the
  /// original sample compared `Count == MaxItemCount` and so refused every push when it was zero.
  func push(_ nt: Ntoskrnl, _ item: UserBuffer, _ itemSize: UInt32, mode: KProcessorMode) -> NTStatus {
    // Allocated optimistically before the checks, as the seed does. The size is computed in 64
    // bits: the C sum `ItemSize + sizeof(DataBlock)` wraps for sizes near 4 GB.
    guard let block = nt.ExAllocatePoolWithTag(.paged, Int(itemSize) + Self.blockHeaderSize, DataStackProtocol.tag) else {
      return .insufficientResources
    }
    let n = Int(itemSize)
    // ProbeForRead and the copy under __try: a bad buffer gives the exception code, for any mode
    // (a kernel caller's bad pointer would bring Windows down; ntsh refuses it the same way).
    let probe = item.probeForRead(n)
    guard probe.isSuccess else {
      nt.ExFreePool(block)
      return probe
    }
    nt.ExAcquireFastMutex(lock)
    var status = NTStatus.success
    let limits = configuration
    if limits.maxItemCount != 0 && count >= limits.maxItemCount {
      status = .noMoreEntries
    } else if limits.maxItemSize != 0 && itemSize > limits.maxItemSize {
      status = .notCapable
    } else if limits.maxSize != 0 && size &+ UInt64(itemSize) > limits.maxSize {
      status = .notCapable
    }
    if status.isSuccess {
      link(block, bytes: item.bytes[0..<n])
      size &+= UInt64(itemSize)
      if count == 1, let e = event { nt.KeSetEvent(e) }
    }
    nt.ExReleaseFastMutex(lock)
    if !status.isSuccess { nt.ExFreePool(block) }
    return status
  }

  /// DsPopDataStack: `inputSize` zero asks for the top item's size (0 when empty) and pops nothing;
  /// an empty stack is STATUS_PIPE_EMPTY with size 0; a buffer smaller than the top item is
  /// STATUS_BUFFER_TOO_SMALL with the item's size, and the item stays. Otherwise the top item is
  /// copied out and freed; the event is reset when the last item goes.
  ///
  /// A fault while writing the caller's buffer or size leaves the item on the stack (the original
  /// removed it first and lost it when the copy faulted).
  func pop(_ nt: Ntoskrnl, _ buffer: UserBuffer?, inputSize: UInt32, itemSize: UserULong) -> NTStatus {
    nt.ExAcquireFastMutex(lock)
    defer { nt.ExReleaseFastMutex(lock) }
    guard let top = items.last else {
      guard itemSize.write(0) else { return .accessViolation }
      return inputSize == 0 ? .success : .pipeEmpty
    }
    let n = Self.itemSize(top)
    guard itemSize.write(n) else { return .accessViolation }
    if inputSize == 0 { return .success }
    if inputSize < n { return .bufferTooSmall }
    guard let buffer, buffer.probeForWrite(Int(n)).isSuccess else { return .accessViolation }
    Self.copy(top, into: buffer)
    guard let block = unlinkTail() else { return .pipeEmpty }
    size &-= UInt64(n)
    nt.ExFreePool(block)
    if items.isEmpty, let e = event { nt.KeClearEvent(e) }
    return .success
  }

  /// DsClearDataStack: frees every item. The stack is empty afterwards, so the event is reset too —
  /// the original left it signaled, and a waiter woke to find STATUS_PIPE_EMPTY.
  @discardableResult
  func clear(_ nt: Ntoskrnl) -> NTStatus {
    nt.ExAcquireFastMutex(lock)
    for block in items { nt.ExFreePool(block) }
    items.removeAll()
    size = 0
    if let e = event { nt.KeClearEvent(e) }
    nt.ExReleaseFastMutex(lock)
    return .success
  }

  /// Writes an information class into a buffer the caller probed for its length, under the lock.
  func information(_ nt: Ntoskrnl, _ c: DataStackInformationClass, into buffer: UserBuffer) {
    nt.ExAcquireFastMutex(lock)
    defer { nt.ExReleaseFastMutex(lock) }
    switch c {
    case .itemCount: Bytes.put(&buffer.bytes, 0, UInt64(count), 4)
    case .totalSize: Bytes.put(&buffer.bytes, 0, size, 8)
    case .configuration:
      Bytes.put(&buffer.bytes, 0, UInt64(configuration.maxItemSize), 4)
      Bytes.put(&buffer.bytes, 4, UInt64(configuration.maxItemCount), 4)
      Bytes.put(&buffer.bytes, 8, configuration.maxSize, 8)
    }
  }
}

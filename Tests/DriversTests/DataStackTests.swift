import Drivers
import Kernel
import NTCore
import Testing

/// The DataStack body and its operations, seen through the IOCTLs: parameter checks in the seed's
/// order, limits, LIFO order, the event, faults, pool blocks and the memory image.
@Suite struct DataStackTests {
  @Test func pushChecksParametersBeforeTheHandle() throws {
    let h = DriverHarness()
    let bad = Handle(0x1234)
    #expect(h.push(bad, [1], size: 0) == .invalidParameter(3))
    #expect(h.push(bad, nil, size: 4) == .invalidParameter(2))
    #expect(h.push(bad, [1]) == .invalidHandle)
    let event = try #require(h.kernel.withCaller(h.thread, mode: .userMode) { () -> Handle? in
      var e = Handle.null
      return h.kernel.services.NtCreateEvent(&e, .genericAll, nil, notification: true, initialState: false).isSuccess ? e : nil
    })
    #expect(h.push(event, [1]) == .objectTypeMismatch)
    #expect(h.outstandingItems == 0)
  }

  @Test func itemsTheCallerCannotSupplyFailWithoutLeaking() throws {
    let h = DriverHarness()
    let (_, ds) = h.create()
    // More than the buffer holds: the copy faults; the block allocated for it is freed.
    #expect(h.push(ds, [1, 2, 3, 4], size: 5) == .accessViolation)
    // Larger than the pool grants (the C sum ItemSize + sizeof(DataBlock) would wrap here).
    #expect(h.push(ds, [1, 2, 3, 4], size: 0xFFFF_FFF0) == .insufficientResources)
    let unreadable = DataStackUserMemory(buffer: UserBuffer([1, 2], protection: .noAccess))
    #expect(h.ioctl(DataStackProtocol.Ioctl.push.rawValue, DataStackProtocol.pushInput(handle: ds, buffer: true, size: 2), unreadable).0
            == .accessViolation)
    #expect(h.outstandingItems == 0)
    let alloc = h.kernel.pool.usage(of: DataStackProtocol.tag, paged: true)
    #expect(alloc.allocs == 2 && alloc.frees == 2)
  }

  @Test func limitsOfZeroMeanNoLimit() throws {
    let h = DriverHarness()
    let (_, free) = h.create()
    for i in 0..<500 { #expect(h.push(free, [UInt8(i & 0xFF)]) == .success) }
    let (_, limited) = h.create(maxItemSize: 4, maxItemCount: 3, maxSize: 9)
    #expect(h.push(limited, [1, 2, 3, 4, 5]) == .notCapable)
    #expect(h.push(limited, [1, 2, 3, 4]) == .success)
    #expect(h.push(limited, [1, 2, 3, 4]) == .success)
    #expect(h.push(limited, [1, 2]) == .notCapable)  // 8 + 2 > 9
    #expect(h.push(limited, [1]) == .success)
    #expect(h.push(limited, [1]) == .noMoreEntries)  // the count comes first
    let (_, huge) = h.create(maxSize: UInt64.max)
    #expect(h.push(huge, [1, 2]) == .success)
  }

  @Test func popIsLastInFirstOutWithTheSeedsSizeRules() throws {
    let h = DriverHarness()
    let (_, ds) = h.create()
    #expect(h.pop(ds).0 == .pipeEmpty && h.pop(ds).1 == 0)
    #expect(h.push(ds, Array("first".utf8)) == .success)
    #expect(h.push(ds, [7, 0, 0, 0]) == .success)
    // Size zero: the top item's size, nothing popped.
    var (s, n, _) = h.pop(ds, capacity: 0)
    #expect(s == .success && n == 4)
    (s, n, _) = h.pop(ds, capacity: 3)
    #expect(s == .bufferTooSmall && n == 4)
    let (s2, n2, bytes) = h.pop(ds)
    #expect(s2 == .success && n2 == 4 && bytes == [7, 0, 0, 0])
    #expect(h.pop(ds).2 == Array("first".utf8))
    #expect(h.outstandingItems == 0)
  }

  @Test func popParametersAndFaultsKeepTheItem() throws {
    let h = DriverHarness()
    let (_, ds) = h.create()
    #expect(h.push(ds, [1, 2, 3, 4, 5, 6]) == .success)
    let code = DataStackProtocol.Ioctl.pop.rawValue
    func pop(_ buffer: UserBuffer?, _ size: UserULong?) -> NTStatus {
      h.ioctl(code, DataStackProtocol.popInput(handle: ds, buffer: buffer != nil, size: size != nil),
              DataStackUserMemory(buffer: buffer, ulong: size)).0
    }
    #expect(pop(UserBuffer(count: 8), nil) == .invalidParameter(3))
    #expect(pop(UserBuffer(count: 8), UserULong(8, protection: .noAccess)) == .accessViolation)
    #expect(pop(nil, UserULong(8)) == .invalidParameter(2))
    let probe = UserULong(0)
    #expect(pop(nil, probe) == .success && probe.value == 6)
    #expect(pop(UserBuffer(count: 8, protection: .readOnly), UserULong(8)) == .accessViolation)
    #expect(pop(UserBuffer(count: 2), UserULong(8)) == .accessViolation)  // the size lies about the buffer
    #expect(pop(UserBuffer(count: 8), UserULong(8, protection: .readOnly)) == .accessViolation)
    // The item survived every fault (the original lost it when the copy faulted).
    let (s, n, bytes) = h.pop(ds)
    #expect(s == .success && n == 6 && bytes == [1, 2, 3, 4, 5, 6])
  }

  @Test func theEventIsSetWhileItemsRemainAndClearResetsIt() throws {
    let h = DriverHarness()
    let (_, ds) = h.create()
    let body = try #require(h.object(ds)?.body as? WaitableDataStack)
    let event = try #require(body.event)
    #expect(!event.isSet && event.isNotification)
    #expect(h.push(ds, [1]) == .success && event.isSet)
    #expect(h.push(ds, [2]) == .success && event.isSet)
    _ = h.pop(ds)
    #expect(event.isSet)
    _ = h.pop(ds)
    #expect(!event.isSet)
    #expect(h.push(ds, [1]) == .success && h.push(ds, [2]) == .success)
    #expect(h.clear(ds) == .success)
    #expect(!event.isSet && body.count == 0 && body.size == 0)
    #expect(h.outstandingItems == 0)
  }

  @Test func theDeleteProcedureFreesEveryItem() throws {
    let h = DriverHarness()
    let (_, ds) = h.create("Full")
    for i in 0..<50 { #expect(h.push(ds, [UInt8(i), 1, 2]) == .success) }
    #expect(h.outstandingItems == 50)
    #expect(h.close(ds) == .success)
    #expect(h.outstandingItems == 0)
    #expect(h.type?.totalObjects == 0)
  }

  @Test func queryChecksInTheSeedsOrder() throws {
    let h = DriverHarness()
    let (_, ds) = h.create(maxItemSize: 1, maxItemCount: 2, maxSize: 3)
    #expect(h.push(ds, [9]) == .success)
    let length = UserULong(0)
    let config = UserBuffer(count: 16)
    #expect(h.query(ds, 2, buffer: config, size: 16, returnLength: length) == .success)
    #expect(DataStackConfiguration(bytes: config.bytes) == DataStackConfiguration(maxItemSize: 1, maxItemCount: 2, maxSize: 3))
    #expect(length.value == 16)
    let count = UserBuffer(count: 4)
    #expect(h.query(ds, 0, buffer: count, size: 4, returnLength: nil) == .success && count.bytes == [1, 0, 0, 0])
    let total = UserBuffer(count: 8)
    #expect(h.query(ds, 1, buffer: total, size: 8, returnLength: nil) == .success && LE.read(total.bytes, at: 0, count: 8) == 1)
    #expect(h.query(ds, 1, buffer: nil, size: 0, returnLength: length) == .bufferTooSmall && length.value == 8)
    #expect(h.query(ds, 1, buffer: nil, size: 0, returnLength: nil) == .invalidParameter)
    #expect(h.query(ds, 1, buffer: nil, size: 8, returnLength: length) == .invalidParameter)
    #expect(h.query(ds, 1, buffer: total, size: 0, returnLength: length) == .invalidParameter)
    #expect(h.query(ds, 3, buffer: total, size: 8, returnLength: length) == .invalidInfoClass)
    #expect(h.query(ds, 2, buffer: total, size: 8, returnLength: length) == .bufferTooSmall && length.value == 16)
    #expect(h.query(ds, 2, buffer: UserBuffer(count: 4), size: 16, returnLength: nil) == .accessViolation)
    #expect(h.query(ds, 0, buffer: count, size: 4, returnLength: UserULong(0, protection: .readOnly)) == .accessViolation)
    // The handle and its QUERY right come first.
    #expect(h.query(Handle(0x4444), 9, buffer: nil, size: 0, returnLength: nil) == .invalidHandle)
  }

  @Test func theMemoryImageLinksTheItemsAsDataBlocks() throws {
    let h = DriverHarness()
    let (_, ds) = h.create()
    let object = try #require(h.object(ds))
    let head = object.address + 0x18
    func q(_ a: UInt64) -> UInt64 { UInt64(h.kernel.memory.read(a, count: 8).enumerated().reduce(0) { $0 | UInt64($1.1 ?? 0) << (8 * UInt64($1.0)) }) }
    #expect(q(head) == head && q(head + 8) == head)
    #expect(h.push(ds, Array("abc".utf8)) == .success)
    #expect(h.push(ds, [1, 2]) == .success)
    let first = q(head)
    let last = q(head + 8)
    #expect(first != head && last != head && first != last)
    #expect(h.kernel.pool.block(at: first)?.tag == DataStackProtocol.tag)
    #expect(q(first) == last && q(first + 8) == head)  // Flink, Blink of the bottom item
    #expect(q(last) == head && q(last + 8) == first)
    #expect(h.kernel.memory.read(first + 16, count: 7).compactMap { $0 } == [3, 0, 0, 0, 0x61, 0x62, 0x63])
    // Count and Size in the body.
    #expect(h.kernel.memory.read(object.address + 0x60, count: 4).compactMap { $0 } == [2, 0, 0, 0])
    #expect(q(object.address + 0x68) == 5)
    _ = h.pop(ds)
    #expect(q(head + 8) == first && q(first) == head)
  }
}

import Drivers
import Kernel
import NTCore
import Testing

/// KObjects.sys: the type it registers, its device and dispatch, its variants and its unload.
@Suite struct DataStackDriverTests {
  @Test func driverEntryRegistersTheSeedsType() throws {
    let h = DriverHarness()
    let t = try #require(h.type)
    #expect(t.index == 72 && t.key.description == "Data")
    let i = t.initializer
    #expect(i.poolType == .nonPagedNx)
    #expect(i.defaultNonPagedPoolCharge == 0x80)
    #expect(i.validAccessMask == AccessMask(0x1F_000F))
    #expect(i.genericMapping == GenericMapping(0x2_0001, 0x2_000E, 0x12_0000, 0x1F_000F))
    #expect(i.deleteProcedure != nil && i.closeProcedure == nil && i.openProcedure == nil)
    #expect(t.specificRights.map(\.1) == ["QUERY", "PUSH", "POP", "CLEAR"])
    // The name's reference and the driver's (g_DataStackType).
    #expect(t.object?.pointerCount == 2)
    #expect(t.object?.fullPath == "\\ObjectTypes\\DataStack")
    #expect(h.kernel.drivers[DataStackDriver.name]?.devices.first?.object?.fullPath == DataStackProtocol.deviceName)
  }

  @Test func thePart3DriverHasNoDeleteProcedureQueryOrEvent() throws {
    let h = DriverHarness(variant: .part3)
    let t = try #require(h.type)
    #expect(t.initializer.deleteProcedure == nil)
    #expect(t.initializer.defaultNonPagedPoolCharge == 0x68)
    let (s, ds) = h.create("Old")
    #expect(s == .success)
    let body = try #require(h.object(ds)?.body as? DataStack)
    #expect(!(body is WaitableBody) && body.event == nil)
    #expect(h.query(ds, 0, buffer: UserBuffer(count: 4), size: 4, returnLength: nil) == .invalidDeviceRequest)
    // Destroying a non-empty stack leaks its blocks: the leak PoolMonX shows.
    #expect(h.push(ds, [1, 2, 3]) == .success && h.push(ds, [4]) == .success)
    #expect(h.close(ds) == .success)
    #expect(t.totalObjects == 0)
    #expect(h.outstandingItems == 2)
  }

  @Test func anUnknownVariantFailsDriverEntry() {
    let m = Machine(configuration: BootConfiguration(options: [DataStackDriver.bootOption: "part9"]), drivers: [DataStackDriver.image])
    m.install(DataStackDriver.service)
    #expect(m.startService(DataStackDriver.name) == .invalidParameter)
    #expect(m.kernel.ob.type(named: "DataStack") == nil)
    #expect(m.kernel.debugOutput.last?.contains("part9") == true)
  }

  @Test func unloadKeepsThePermanentTypeSoReloadingCollides() throws {
    let h = DriverHarness()
    let t = try #require(h.type)
    let state = try #require(h.state)
    #expect(h.kernel.unloadDriver(named: DataStackDriver.name) == .success)
    #expect(state.unloaded && state.type == nil)
    #expect(t.object?.pointerCount == 1 && t.object?.isPermanent == true)
    #expect(h.kernel.ob.type(named: "DataStack") === t)
    #expect(h.kernel.loadDriver(DataStackDriver.image) == .objectNameCollision)
    #expect(h.kernel.drivers[DataStackDriver.name] == nil)
  }

  @Test func destroyingAStackAfterUnloadRunsUnloadedCode() throws {
    let h = DriverHarness()
    let (_, ds) = h.create("Orphan")
    #expect(h.push(ds, [1]) == .success)
    #expect(h.kernel.unloadDriver(named: DataStackDriver.name) == .success)
    #expect(h.kernel.bugCheckInfo == nil)
    _ = h.close(ds)
    #expect(h.kernel.bugCheckInfo?.code == .pageFaultInNonPagedArea)
  }

  @Test func wow64CallersAreRefused() {
    let h = DriverHarness(wow64: true)
    for code in DataStackProtocol.Ioctl.allCases {
      #expect(h.ioctl(code.rawValue, [UInt8](repeating: 0, count: code.inputSize), output: 8).0 == .notImplemented)
    }
  }

  @Test func malformedRequestsFailCleanly() throws {
    let h = DriverHarness()
    #expect(h.ioctl(0x8009_2018, [UInt8](repeating: 0, count: 64)).0 == .invalidDeviceRequest)
    #expect(h.ioctl(0x1234, []).0 == .invalidDeviceRequest)
    for code in DataStackProtocol.Ioctl.allCases {
      #expect(h.ioctl(code.rawValue, [UInt8](repeating: 0, count: code.inputSize - 1), output: 8).0 == .bufferTooSmall)
    }
    // The handle has nowhere to go.
    let input = DataStackProtocol.createInput(attributes: false, maxItemSize: 0, maxItemCount: 0, maxSize: 0)
    #expect(h.ioctl(DataStackProtocol.Ioctl.create.rawValue, input, output: 4).0 == .bufferTooSmall)
    #expect(h.type?.totalObjects == 0)
    // A pointer member whose memory the caller does not own.
    #expect(h.ioctl(DataStackProtocol.Ioctl.create.rawValue,
                    DataStackProtocol.createInput(attributes: true, maxItemSize: 0, maxItemCount: 0, maxSize: 0), output: 8).0
            == .accessViolation)
    // NULL attributes: an unnamed object.
    let (s, out) = h.ioctl(DataStackProtocol.Ioctl.create.rawValue, input, output: 8)
    #expect(s == .success && out.count == 8)
    // Open needs attributes.
    let open = DataStackProtocol.openInput(desiredAccess: .genericAll, attributes: false)
    #expect(h.ioctl(DataStackProtocol.Ioctl.open.rawValue, open, output: 8, DataStackUserMemory()).0 == .invalidParameter)
  }

  @Test func createAndOpenByNameFollowTheObjectManager() throws {
    let h = DriverHarness()
    let (s1, a) = h.create("Named", maxItemCount: 3)
    #expect(s1 == .success)
    let (s2, b) = h.create("named", maxItemCount: 7)
    #expect(s2 == .objectNameExists)
    #expect(h.object(a) === h.object(b))
    let body = try #require(h.object(b)?.body as? DataStack)
    #expect(body.configuration.maxItemCount == 3)
    let (s3, _) = h.create("Named", attributes: [.caseInsensitive])
    #expect(s3 == .objectNameCollision)
    var attrs = ObjectAttributes("Named", attributes: .caseInsensitive, root: h.process.namedObjectDirectory)
    let input = DataStackProtocol.openInput(desiredAccess: AccessMask(0x8000_0000), attributes: true)
    var (s4, out) = h.ioctl(DataStackProtocol.Ioctl.open.rawValue, input, output: 8, DataStackUserMemory(objectAttributes: attrs))
    #expect(s4 == .success)
    #expect(h.process.handleTable.entry(Handle(LE.read(out, at: 0, count: 8)))?.grantedAccess == AccessMask(0x2_0001))
    attrs.objectName = "Missing"
    (s4, out) = h.ioctl(DataStackProtocol.Ioctl.open.rawValue, input, output: 8, DataStackUserMemory(objectAttributes: attrs))
    #expect(s4 == .objectNameNotFound && out.isEmpty)
    #expect(h.type?.totalObjects == 1 && h.type?.totalHandles == 3)
  }
}

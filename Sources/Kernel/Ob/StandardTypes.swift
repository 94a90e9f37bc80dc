import NTCore

/// The object types of Windows 11 23H2 (build 22631) in creation order, so their indices match
/// (Type 2, Directory 3, SymbolicLink 4, Token 5, Job 6, Process 7, Thread 8 … Event 19, Mutant 20,
/// Callback 21, Semaphore 22 … WindowStation 27, Desktop 28 … Device 36, Driver 37 … File 40).
///
/// Access masks and generic mappings are Windows' for the types ntsh models; for the rest
/// (marked `approximate`), a plausible mask so that they list, open and close consistently.
enum StandardTypes {
  struct Spec {
    let name: String
    let valid: UInt32
    let mapping: GenericMapping
    let pool: PoolType
    let flags: Set<Flag>
    let invalidAttributes: UInt32
    let bodySize: Int
    let rights: [(UInt32, String)]
    let approximate: Bool
  }

  enum Flag: Hashable {
    case caseInsensitive, useDefaultObject, securityRequired, maintainHandleCount, maintainTypeList
    case supportsObjectCallbacks, cacheAligned
  }

  static let eventRights: [(UInt32, String)] = [(0x1, "QUERY_STATE"), (0x2, "MODIFY_STATE")]
  static let fileRights: [(UInt32, String)] = [
    (0x1, "READ_DATA"), (0x2, "WRITE_DATA"), (0x4, "APPEND_DATA"), (0x8, "READ_EA"), (0x10, "WRITE_EA"),
    (0x20, "EXECUTE"), (0x40, "DELETE_CHILD"), (0x80, "READ_ATTRIBUTES"), (0x100, "WRITE_ATTRIBUTES"),
  ]

  private static func spec(
    _ name: String, _ valid: UInt32, _ mapping: (UInt32, UInt32, UInt32, UInt32), _ pool: PoolType,
    _ flags: Set<Flag> = [.useDefaultObject], invalid: UInt32 = 0, body: Int = 0x40, rights: [(UInt32, String)] = [],
    approximate: Bool = false
  ) -> Spec {
    Spec(
      name: name, valid: valid, mapping: GenericMapping(mapping.0, mapping.1, mapping.2, mapping.3), pool: pool,
      flags: flags, invalidAttributes: invalid, bodySize: body, rights: rights, approximate: approximate)
  }

  private static func other(_ name: String, _ valid: UInt32 = 0x1F_0001) -> Spec {
    spec(name, valid, (0x20001, 0x20000, 0x120000, valid), .nonPagedNx, approximate: true)
  }

  /// Every standard type, index 2 first.
  static let all: [Spec] = [
    spec("Type", 0x1F_0001, (0x20000, 0x20000, 0x20000, 0x1F_0001), .nonPaged,
         [.caseInsensitive, .useDefaultObject, .maintainTypeList], invalid: 0x100, body: 0xe0, rights: [(0x1, "CREATE")]),
    spec("Directory", 0xF_000F, (0x20003, 0x2000C, 0x20003, 0xF_000F), .paged, [.caseInsensitive, .useDefaultObject],
         body: 0x158,
         rights: [(0x1, "QUERY"), (0x2, "TRAVERSE"), (0x4, "CREATE_OBJECT"), (0x8, "CREATE_SUBDIRECTORY")]),
    spec("SymbolicLink", 0xF_0001, (0x20001, 0x20000, 0x20001, 0xF_0001), .paged, [.caseInsensitive, .useDefaultObject],
         body: 0x38, rights: [(0x1, "QUERY")]),
    spec("Token", 0xF_01FF, (0x20008, 0x200E0, 0x20000, 0xF_01FF), .paged, [.useDefaultObject, .securityRequired],
         body: 0x498,
         rights: [(0x1, "ASSIGN_PRIMARY"), (0x2, "DUPLICATE"), (0x4, "IMPERSONATE"), (0x8, "QUERY"), (0x10, "QUERY_SOURCE"),
                  (0x20, "ADJUST_PRIVILEGES"), (0x40, "ADJUST_GROUPS"), (0x80, "ADJUST_DEFAULT"), (0x100, "ADJUST_SESSIONID")]),
    spec("Job", 0x1F_003F, (0x20004, 0x2000B, 0x120000, 0x1F_003F), .nonPagedNx, [.securityRequired], invalid: 0x100,
         body: 0x5a8,
         rights: [(0x1, "ASSIGN_PROCESS"), (0x2, "SET_ATTRIBUTES"), (0x4, "QUERY"), (0x8, "TERMINATE"),
                  (0x10, "SET_SECURITY_ATTRIBUTES"), (0x20, "IMPERSONATE")]),
    spec("Process", 0x1F_FFFF, (0x20410, 0x20BEA, 0x121001, 0x1F_FFFF), .nonPagedNx,
         [.securityRequired, .supportsObjectCallbacks, .cacheAligned], invalid: 0xB0, body: 0xa40,
         rights: [(0x1, "TERMINATE"), (0x2, "CREATE_THREAD"), (0x4, "SET_SESSIONID"), (0x8, "VM_OPERATION"),
                  (0x10, "VM_READ"), (0x20, "VM_WRITE"), (0x40, "DUP_HANDLE"), (0x80, "CREATE_PROCESS"),
                  (0x100, "SET_QUOTA"), (0x200, "SET_INFORMATION"), (0x400, "QUERY_INFORMATION"),
                  (0x800, "SUSPEND_RESUME"), (0x1000, "QUERY_LIMITED_INFORMATION"), (0x2000, "SET_LIMITED_INFORMATION")]),
    spec("Thread", 0x1F_FFFF, (0x20048, 0x20437, 0x121800, 0x1F_FFFF), .nonPagedNx,
         [.securityRequired, .supportsObjectCallbacks, .cacheAligned], invalid: 0xB0, body: 0x898,
         rights: [(0x1, "TERMINATE"), (0x2, "SUSPEND_RESUME"), (0x4, "ALERT"), (0x8, "GET_CONTEXT"), (0x10, "SET_CONTEXT"),
                  (0x20, "SET_INFORMATION"), (0x40, "QUERY_INFORMATION"), (0x80, "SET_THREAD_TOKEN"), (0x100, "IMPERSONATE"),
                  (0x200, "DIRECT_IMPERSONATION"), (0x400, "SET_LIMITED_INFORMATION"),
                  (0x800, "QUERY_LIMITED_INFORMATION"), (0x1000, "RESUME")]),
    other("Partition", 0x1F_0003), other("UserApcReserve", 0xF_0003), other("IoCompletionReserve", 0xF_0003),
    other("ActivityReference", 0x1F_0000), other("ProcessStateChange", 0xF_0001), other("ThreadStateChange", 0xF_0001),
    other("CpuPartition", 0xF_0007), other("PsSiloContextPaged"), other("PsSiloContextNonPaged"),
    other("DebugObject", 0x1F_000F),
    spec("Event", 0x1F_0003, (0x20001, 0x20002, 0x120000, 0x1F_0003), .nonPagedNx, [], invalid: 0x100, body: 0x18,
         rights: eventRights),
    spec("Mutant", 0x1F_0001, (0x20001, 0x20000, 0x120000, 0x1F_0001), .nonPagedNx, [], invalid: 0x100, body: 0x38,
         rights: [(0x1, "QUERY_STATE")]),
    spec("Callback", 0x1F_0001, (0x20001, 0x20001, 0x120000, 0x1F_0001), .nonPagedNx, [.useDefaultObject],
         invalid: 0x100, body: 0x40, rights: [(0x1, "MODIFY_STATE")], approximate: true),
    spec("Semaphore", 0x1F_0003, (0x20001, 0x20002, 0x120000, 0x1F_0003), .nonPagedNx, [], invalid: 0x100, body: 0x20,
         rights: eventRights),
    spec("Timer", 0x1F_0003, (0x20001, 0x20002, 0x120000, 0x1F_0003), .nonPagedNx, [], invalid: 0x100, body: 0x40,
         rights: eventRights),
    other("IRTimer", 0x1F_0003), other("Profile", 0xF_0001),
    spec("KeyedEvent", 0xF_0003, (0x20001, 0x20002, 0x20000, 0xF_0003), .paged, [.useDefaultObject], body: 0x8,
         rights: [(0x1, "WAIT"), (0x2, "WAKE")]),
    spec("WindowStation", 0xF_037F, (0x20303, 0x2001C, 0x20060, 0xF_037F), .nonPagedNx,
         [.caseInsensitive, .useDefaultObject, .securityRequired, .maintainHandleCount], body: 0x98,
         rights: [(0x1, "ENUMDESKTOPS"), (0x2, "READATTRIBUTES"), (0x4, "ACCESSCLIPBOARD"), (0x8, "CREATEDESKTOP"),
                  (0x10, "WRITEATTRIBUTES"), (0x20, "ACCESSGLOBALATOMS"), (0x40, "EXITWINDOWS"), (0x100, "ENUMERATE"),
                  (0x200, "READSCREEN")]),
    spec("Desktop", 0xF_01FF, (0x20041, 0x200BE, 0x20100, 0xF_01FF), .nonPagedNx,
         [.caseInsensitive, .useDefaultObject, .securityRequired, .maintainHandleCount, .supportsObjectCallbacks],
         body: 0xd0,
         rights: [(0x1, "READOBJECTS"), (0x2, "CREATEWINDOW"), (0x4, "CREATEMENU"), (0x8, "HOOKCONTROL"),
                  (0x10, "JOURNALRECORD"), (0x20, "JOURNALPLAYBACK"), (0x40, "ENUMERATE"), (0x80, "WRITEOBJECTS"),
                  (0x100, "SWITCHDESKTOP")]),
    other("Composition"), other("RawInputManager"), other("CoreMessaging"), other("ActivationObject"),
    other("TpWorkerFactory", 0xF_00FF), other("Adapter", 0x1F_0003), other("Controller", 0x1F_0003),
    spec("Device", 0x1F_01FF, (0x120089, 0x120116, 0x1200A0, 0x1F_01FF), .nonPagedNx,
         [.caseInsensitive, .useDefaultObject, .securityRequired], body: 0x150, rights: fileRights),
    spec("Driver", 0x1F_01FF, (0x120089, 0x120116, 0x1200A0, 0x1F_01FF), .nonPagedNx,
         [.caseInsensitive, .useDefaultObject], body: 0x150, rights: fileRights, approximate: true),
    other("IoCompletion", 0x1F_0003), other("WaitCompletionPacket", 0x1F_0001),
    spec("File", 0x1F_01FF, (0x120089, 0x120116, 0x1200A0, 0x1F_01FF), .nonPagedNx,
         [.caseInsensitive, .useDefaultObject, .securityRequired], body: 0xd8, rights: fileRights),
    other("IoRing"), other("TmTm"), other("TmTx"), other("TmRm"), other("TmEn"),
    spec("Section", 0xF_001F, (0x20005, 0x20002, 0x20008, 0xF_001F), .paged, [.useDefaultObject], body: 0x38,
         rights: [(0x1, "QUERY"), (0x2, "MAP_WRITE"), (0x4, "MAP_READ"), (0x8, "MAP_EXECUTE"), (0x10, "EXTEND_SIZE")]),
    spec("Session", 0xF_0003, (0x20001, 0x20002, 0x20000, 0xF_0003), .nonPagedNx, [.useDefaultObject], body: 0x30,
         rights: [(0x1, "QUERY_ACCESS"), (0x2, "MODIFY_ACCESS")]),
    spec("Key", 0xF_003F, (0x20019, 0x20006, 0x20039, 0xF_003F), .paged,
         [.caseInsensitive, .useDefaultObject, .securityRequired], body: 0x40,
         rights: [(0x1, "QUERY_VALUE"), (0x2, "SET_VALUE"), (0x4, "CREATE_SUB_KEY"), (0x8, "ENUMERATE_SUB_KEYS"),
                  (0x10, "NOTIFY"), (0x20, "CREATE_LINK")]),
    other("RegistryTransaction"), other("DmaAdapter"), other("ALPC Port"), other("EnergyTracker"),
    other("PowerRequest"), other("WmiGuid"), other("EtwRegistration"), other("EtwSessionDemuxEntry"),
    other("EtwConsumer"), other("CoverageSampler"), other("PcwObject"), other("FilterConnectionPort"),
    other("FilterCommunicationPort"), other("NdisCmState"), other("DxgkSharedResource"),
    other("DxgkSharedKeyedMutexObject"), other("DxgkSharedSyncObject"), other("DxgkSharedSwapChainObject"),
    other("DxgkDisplayManagerObject"), other("DxgkSharedProtectedSessionObject"), other("DxgkSharedBundleObject"),
    other("DxgkCompositionObject"), other("VRegConfigurationContext"),
  ]

  /// The initializer a spec describes.
  static func initializer(_ s: Spec) -> ObjectTypeInitializer {
    var i = ObjectTypeInitializer()
    i.caseInsensitive = s.flags.contains(.caseInsensitive)
    i.useDefaultObject = s.flags.contains(.useDefaultObject)
    i.securityRequired = s.flags.contains(.securityRequired)
    i.maintainHandleCount = s.flags.contains(.maintainHandleCount)
    i.maintainTypeList = s.flags.contains(.maintainTypeList)
    i.supportsObjectCallbacks = s.flags.contains(.supportsObjectCallbacks)
    i.cacheAligned = s.flags.contains(.cacheAligned)
    i.invalidAttributes = ObjectAttributeFlags(rawValue: s.invalidAttributes)
    i.genericMapping = s.mapping
    i.validAccessMask = AccessMask(s.valid)
    i.poolType = s.pool
    i.defaultNonPagedPoolCharge = s.pool.isPaged ? 0 : UInt32(s.bodySize)
    i.defaultPagedPoolCharge = s.pool.isPaged ? UInt32(s.bodySize) : 0
    return i
  }
}

/// The x64 structure layouts of Windows 11 23H2 (build 22631) that ntsh models.
///
/// Offsets of the object-manager structures are verified against real `dt` output (see
/// shared/reference/nt-objects-windbg.md §1). `_EPROCESS`, `_KTHREAD`/`_ETHREAD`, `_EJOB` and
/// `_TOKEN` list only the members ntsh keeps. Of those, `_EPROCESS` from `UniqueProcessId` to
/// `ActiveThreads` matches published 19041+/22H2 `dt` output; `CreateTime`, `ExitTime`,
/// `ExitStatus`, `SessionId`, the thread members other than `Header`, and the `_EJOB`/`_TOKEN`
/// members are approximate (the kd context should say so when it shows them).
public enum Layouts {
  /// Every layout, by name.
  public static let all: [String: StructLayout] = {
    var d: [String: StructLayout] = [:]
    for l in list { d[l.name] = l }
    return d
  }()

  /// The layout of a type name, with or without the `nt!` module prefix.
  public static func named(_ name: String) -> StructLayout? {
    var n = Substring(name)
    if let bang = n.firstIndex(of: "!") { n = n[n.index(after: bang)...] }
    return all[String(n)]
  }

  private static func u(_ n: Int) -> FieldKind { .integer(size: n, signed: false) }
  private static func i(_ n: Int) -> FieldKind { .integer(size: n, signed: true) }
  private static func p(_ to: String = "Void") -> FieldKind { .pointer(to: to) }
  private static func s(_ name: String) -> FieldKind { .structure(name) }
  private static func bit(_ pos: Int, _ width: Int = 1, in storage: Int = 1) -> FieldKind {
    .bitfield(position: pos, width: width, storage: storage)
  }

  static let list: [StructLayout] = [
    StructLayout("_LIST_ENTRY", size: 0x10, [Field("Flink", 0, p("_LIST_ENTRY")), Field("Blink", 8, p("_LIST_ENTRY"))]),
    StructLayout("_UNICODE_STRING", size: 0x10, [
      Field("Length", 0, u(2)), Field("MaximumLength", 2, u(2)), Field("Buffer", 8, p("Wchar")),
    ]),
    StructLayout("_EX_PUSH_LOCK", size: 8, [Field("Value", 0, u(8)), Field("Ptr", 0, p())]),
    StructLayout("_EX_FAST_REF", size: 8, [
      Field("Object", 0, p()), Field("RefCnt", 0, bit(0, 4, in: 8)), Field("Value", 0, u(8)),
    ]),
    StructLayout("_QUAD", size: 8, [Field("UseThisFieldToCopy", 0, i(8)), Field("DoNotUseThisField", 0, .float)]),
    StructLayout("_LARGE_INTEGER", size: 8, [Field("QuadPart", 0, i(8))]),
    StructLayout("_CLIENT_ID", size: 0x10, [Field("UniqueProcess", 0, p()), Field("UniqueThread", 8, p())]),
    StructLayout("_GENERIC_MAPPING", size: 0x10, [
      Field("GenericRead", 0, u(4)), Field("GenericWrite", 4, u(4)), Field("GenericExecute", 8, u(4)),
      Field("GenericAll", 0xc, u(4)),
    ]),
    StructLayout("_POOL_HEADER", size: 0x10, [
      Field("PreviousSize", 0, bit(0, 8, in: 2)), Field("PoolIndex", 0, bit(8, 8, in: 2)),
      Field("BlockSize", 2, bit(0, 8, in: 2)), Field("PoolType", 2, bit(8, 8, in: 2)),
      Field("Ulong1", 0, u(4)), Field("PoolTag", 4, u(4)), Field("ProcessBilled", 8, p("_EPROCESS")),
      Field("AllocatorBackTraceIndex", 8, u(2)), Field("PoolTagHash", 0xa, u(2)),
    ]),
    StructLayout("_OBJECT_HEADER", size: 0x38, [
      Field("PointerCount", 0, i(8)), Field("HandleCount", 8, i(8)), Field("NextToFree", 8, p()),
      Field("Lock", 0x10, s("_EX_PUSH_LOCK")), Field("TypeIndex", 0x18, u(1)), Field("TraceFlags", 0x19, u(1)),
      Field("DbgRefTrace", 0x19, bit(0)), Field("DbgTracePermanent", 0x19, bit(1)), Field("InfoMask", 0x1a, u(1)),
      Field("Flags", 0x1b, u(1)), Field("NewObject", 0x1b, bit(0)), Field("KernelObject", 0x1b, bit(1)),
      Field("KernelOnlyAccess", 0x1b, bit(2)), Field("ExclusiveObject", 0x1b, bit(3)),
      Field("PermanentObject", 0x1b, bit(4)), Field("DefaultSecurityQuota", 0x1b, bit(5)),
      Field("SingleHandleEntry", 0x1b, bit(6)), Field("DeletedInline", 0x1b, bit(7)), Field("Reserved", 0x1c, u(4)),
      Field("ObjectCreateInfo", 0x20, p("_OBJECT_CREATE_INFORMATION")), Field("QuotaBlockCharged", 0x20, p()),
      Field("SecurityDescriptor", 0x28, p()), Field("Body", 0x30, s("_QUAD")),
    ]),
    StructLayout("_OBJECT_HEADER_CREATOR_INFO", size: 0x20, [
      Field("TypeList", 0, s("_LIST_ENTRY")), Field("CreatorUniqueProcess", 0x10, p()),
      Field("CreatorBackTraceIndex", 0x18, u(2)), Field("Reserved1", 0x1a, u(2)), Field("Reserved2", 0x1c, u(4)),
    ]),
    StructLayout("_OBJECT_HEADER_NAME_INFO", size: 0x20, [
      Field("Directory", 0, p("_OBJECT_DIRECTORY")), Field("Name", 8, s("_UNICODE_STRING")),
      Field("ReferenceCount", 0x18, i(4)), Field("Reserved", 0x1c, u(4)),
    ]),
    StructLayout("_OBJECT_HANDLE_COUNT_ENTRY", size: 0x10, [
      Field("Process", 0, p("_EPROCESS")), Field("HandleCount", 8, bit(0, 24, in: 4)),
      Field("LockCount", 8, bit(24, 8, in: 4)),
    ]),
    StructLayout("_OBJECT_HEADER_HANDLE_INFO", size: 0x10, [
      Field("HandleCountDataBase", 0, p("_OBJECT_HANDLE_COUNT_DATABASE")),
      Field("SingleEntry", 0, s("_OBJECT_HANDLE_COUNT_ENTRY")),
    ]),
    StructLayout("_OBJECT_HEADER_QUOTA_INFO", size: 0x20, [
      Field("PagedPoolCharge", 0, u(4)), Field("NonPagedPoolCharge", 4, u(4)),
      Field("SecurityDescriptorCharge", 8, u(4)), Field("Reserved1", 0xc, u(4)),
      Field("SecurityDescriptorQuotaBlock", 0x10, p()), Field("Reserved2", 0x18, u(8)),
    ]),
    StructLayout("_OBJECT_HEADER_PROCESS_INFO", size: 0x10, [
      Field("ExclusiveProcess", 0, p("_EPROCESS")), Field("Reserved", 8, u(8)),
    ]),
    StructLayout("_OBJECT_TYPE_INITIALIZER", size: 0x78, [
      Field("Length", 0, u(2)), Field("ObjectTypeFlags", 2, u(2)),
      Field("CaseInsensitive", 2, bit(0, in: 2)), Field("UnnamedObjectsOnly", 2, bit(1, in: 2)),
      Field("UseDefaultObject", 2, bit(2, in: 2)), Field("SecurityRequired", 2, bit(3, in: 2)),
      Field("MaintainHandleCount", 2, bit(4, in: 2)), Field("MaintainTypeList", 2, bit(5, in: 2)),
      Field("SupportsObjectCallbacks", 2, bit(6, in: 2)), Field("CacheAligned", 2, bit(7, in: 2)),
      Field("UseExtendedParameters", 2, bit(8, in: 2)), Field("ObjectTypeCode", 4, u(4)),
      Field("InvalidAttributes", 8, u(4)), Field("GenericMapping", 0xc, s("_GENERIC_MAPPING")),
      Field("ValidAccessMask", 0x1c, u(4)), Field("RetainAccess", 0x20, u(4)), Field("PoolType", 0x24, u(4)),
      Field("DefaultPagedPoolCharge", 0x28, u(4)), Field("DefaultNonPagedPoolCharge", 0x2c, u(4)),
      Field("DumpProcedure", 0x30, p()), Field("OpenProcedure", 0x38, p()), Field("CloseProcedure", 0x40, p()),
      Field("DeleteProcedure", 0x48, p()), Field("ParseProcedure", 0x50, p()), Field("SecurityProcedure", 0x58, p()),
      Field("QueryNameProcedure", 0x60, p()), Field("OkayToCloseProcedure", 0x68, p()),
      Field("WaitObjectFlagMask", 0x70, u(4)), Field("WaitObjectFlagOffset", 0x74, u(2)),
      Field("WaitObjectPointerOffset", 0x76, u(2)),
    ]),
    StructLayout("_OBJECT_TYPE", size: 0xe0, [
      Field("TypeList", 0, s("_LIST_ENTRY")), Field("Name", 0x10, s("_UNICODE_STRING")),
      Field("DefaultObject", 0x20, p()), Field("Index", 0x28, u(1)), Field("TotalNumberOfObjects", 0x2c, u(4)),
      Field("TotalNumberOfHandles", 0x30, u(4)), Field("HighWaterNumberOfObjects", 0x34, u(4)),
      Field("HighWaterNumberOfHandles", 0x38, u(4)), Field("TypeInfo", 0x40, s("_OBJECT_TYPE_INITIALIZER")),
      Field("TypeLock", 0xb8, s("_EX_PUSH_LOCK")), Field("Key", 0xc0, u(4)), Field("CallbackList", 0xc8, s("_LIST_ENTRY")),
      Field("SeMandatoryLabelMask", 0xd8, u(4)), Field("SeTrustConstraintMask", 0xdc, u(4)),
    ]),
    StructLayout("_OBJECT_DIRECTORY_ENTRY", size: 0x18, [
      Field("ChainLink", 0, p("_OBJECT_DIRECTORY_ENTRY")), Field("Object", 8, p()), Field("HashValue", 0x10, u(4)),
    ]),
    StructLayout("_OBJECT_DIRECTORY", size: 0x158, [
      Field("HashBuckets", 0, .array(p("_OBJECT_DIRECTORY_ENTRY"), count: 37)), Field("Lock", 0x128, s("_EX_PUSH_LOCK")),
      Field("DeviceMap", 0x130, p("_DEVICE_MAP")), Field("ShadowDirectory", 0x138, p("_OBJECT_DIRECTORY")),
      Field("NamespaceEntry", 0x140, p()), Field("SessionObject", 0x148, p()), Field("Flags", 0x150, u(4)),
      Field("SessionId", 0x154, u(4)),
    ]),
    StructLayout("_OBJECT_SYMBOLIC_LINK", size: 0x38, [
      Field("CreationTime", 0, s("_LARGE_INTEGER")), Field("LinkTarget", 8, s("_UNICODE_STRING")),
      Field("Callback", 8, p()), Field("CallbackContext", 0x10, p()), Field("DosDeviceDriveIndex", 0x18, u(4)),
      Field("Flags", 0x1c, u(4)), Field("AccessMask", 0x20, u(4)), Field("IntegrityLevel", 0x24, u(4)),
    ]),
    StructLayout("_DISPATCHER_HEADER", size: 0x18, [
      Field("Lock", 0, i(4)), Field("Type", 0, u(1)), Field("Signalling", 1, u(1)), Field("Size", 2, u(1)),
      Field("Reserved1", 3, u(1)), Field("SignalState", 4, i(4)), Field("WaitListHead", 8, s("_LIST_ENTRY")),
    ]),
    StructLayout("_KEVENT", size: 0x18, [Field("Header", 0, s("_DISPATCHER_HEADER"))]),
    StructLayout("_KSEMAPHORE", size: 0x20, [Field("Header", 0, s("_DISPATCHER_HEADER")), Field("Limit", 0x18, i(4))]),
    StructLayout("_KMUTANT", size: 0x38, [
      Field("Header", 0, s("_DISPATCHER_HEADER")), Field("MutantListEntry", 0x18, s("_LIST_ENTRY")),
      Field("OwnerThread", 0x28, p("_KTHREAD")), Field("MutantFlags", 0x30, u(1)), Field("Abandoned", 0x30, bit(0)),
      Field("ApcDisable", 0x31, u(1)),
    ]),
    StructLayout("_CALLBACK_OBJECT", size: 0x40, [
      Field("Signature", 0, u(4)), Field("Lock", 8, u(8)), Field("RegisteredCallbacks", 0x10, s("_LIST_ENTRY")),
      Field("AllowMultipleCallbacks", 0x20, u(1)), Field("reserved", 0x21, .array(u(1), count: 3)),
    ]),
    StructLayout("_HANDLE_TABLE_ENTRY", size: 0x10, [
      Field("VolatileLowValue", 0, i(8)), Field("LowValue", 0, i(8)), Field("InfoTable", 0, p("_HANDLE_TABLE_ENTRY_INFO")),
      Field("HighValue", 8, i(8)), Field("NextFreeHandleEntry", 8, p("_HANDLE_TABLE_ENTRY")),
      Field("LeafHandleValue", 8, s("_EXHANDLE")), Field("RefCountField", 0, i(8)),
      Field("Unlocked", 0, bit(0, 1, in: 8)), Field("RefCnt", 0, bit(1, 16, in: 8)), Field("Attributes", 0, bit(17, 3, in: 8)),
      Field("ObjectPointerBits", 0, bit(20, 44, in: 8)), Field("GrantedAccessBits", 8, bit(0, 25, in: 4)),
      Field("NoRightsUpgrade", 8, bit(25, 1, in: 4)), Field("Spare1", 8, bit(26, 6, in: 4)), Field("Spare2", 0xc, u(4)),
    ]),
    StructLayout("_HANDLE_TABLE", size: 0x80, [
      Field("NextHandleNeedingPool", 0, u(4)), Field("ExtraInfoPages", 4, i(4)), Field("TableCode", 8, u(8)),
      Field("QuotaProcess", 0x10, p("_EPROCESS")), Field("HandleTableList", 0x18, s("_LIST_ENTRY")),
      Field("UniqueProcessId", 0x28, u(4)), Field("Flags", 0x2c, u(4)), Field("StrictFIFO", 0x2c, bit(0)),
      Field("HandleTableLock", 0x30, s("_EX_PUSH_LOCK")), Field("FreeLists", 0x40, .array(u(8), count: 2)),
    ]),
    StructLayout("_KPROCESS", size: 0x438, [
      Field("Header", 0, s("_DISPATCHER_HEADER")), Field("ProfileListHead", 0x18, s("_LIST_ENTRY")),
      Field("DirectoryTableBase", 0x28, u(8)), Field("ThreadListHead", 0x30, s("_LIST_ENTRY")),
      Field("BasePriority", 0x1f0, i(1)),
    ]),
    StructLayout("_EPROCESS", size: 0xa40, [
      Field("Pcb", 0, s("_KPROCESS")), Field("ProcessLock", 0x438, s("_EX_PUSH_LOCK")),
      Field("UniqueProcessId", 0x440, p()), Field("ActiveProcessLinks", 0x448, s("_LIST_ENTRY")),
      Field("Token", 0x4b8, s("_EX_FAST_REF")), Field("CreateTime", 0x4f8, s("_LARGE_INTEGER")),
      Field("Job", 0x510, p("_EJOB")), Field("Win32WindowStation", 0x538, p()),
      Field("InheritedFromUniqueProcessId", 0x540, p()), Field("Peb", 0x550, p("_PEB")),
      Field("ObjectTable", 0x570, p("_HANDLE_TABLE")), Field("WoW64Process", 0x580, p("_EWOW64PROCESS")),
      Field("ImageFileName", 0x5a8, .array(u(1), count: 15)), Field("PriorityClass", 0x5b7, u(1)),
      Field("JobLinks", 0x5c8, s("_LIST_ENTRY")), Field("ThreadListHead", 0x5e0, s("_LIST_ENTRY")),
      Field("ActiveThreads", 0x5f0, u(4)), Field("LastThreadExitStatus", 0x5fc, i(4)),
      Field("ExitTime", 0x7a8, s("_LARGE_INTEGER")), Field("ExitStatus", 0x7d4, i(4)),
      Field("SessionId", 0x720, u(4)),
    ]),
    StructLayout("_KTHREAD", size: 0x480, [
      Field("Header", 0, s("_DISPATCHER_HEADER")), Field("Teb", 0xf0, p()), Field("Priority", 0xc3, i(1)),
      Field("State", 0x184, u(1)), Field("WaitReason", 0x283, u(1)), Field("Process", 0x220, p("_KPROCESS")),
      Field("BasePriority", 0x233, i(1)), Field("ThreadListEntry", 0x2f8, s("_LIST_ENTRY")),
    ]),
    StructLayout("_ETHREAD", size: 0x898, [
      Field("Tcb", 0, s("_KTHREAD")), Field("CreateTime", 0x480, s("_LARGE_INTEGER")),
      Field("Cid", 0x4c8, s("_CLIENT_ID")), Field("StartAddress", 0x4a0, p()),
      Field("Win32StartAddress", 0x4d8, p()), Field("ThreadListEntry", 0x4e8, s("_LIST_ENTRY")),
      Field("ExitStatus", 0x548, i(4)),
    ]),
    StructLayout("_EJOB", size: 0x5a8, [
      Field("Event", 0, s("_KEVENT")), Field("JobLinks", 0x18, s("_LIST_ENTRY")),
      Field("ProcessListHead", 0x28, s("_LIST_ENTRY")), Field("TotalProcesses", 0x94, u(4)),
      Field("ActiveProcesses", 0x98, u(4)),
    ]),
    StructLayout("_TOKEN", size: 0x498, [
      Field("TokenSource", 0, .array(u(1), count: 16)), Field("TokenId", 0x10, u(8)),
      Field("AuthenticationId", 0x18, u(8)), Field("ParentTokenId", 0x20, u(8)),
      Field("SessionId", 0x78, u(4)), Field("UserAndGroupCount", 0x7c, u(4)),
      Field("PrivilegeCount", 0x88, u(4)), Field("IntegrityLevelIndex", 0xd0, u(4)),
    ]),
  ]
}

/// Named statuses used by the kernel, the drivers and the seed's walk-throughs.
extension NTStatus {
  /// STATUS_WAIT_0: the first object of a wait satisfied it (same value as success).
  public static let wait0 = NTStatus(0x0000_0000)
  /// STATUS_ABANDONED_WAIT_0: the wait acquired a mutant whose owner died.
  public static let abandonedWait0 = NTStatus(0x0000_0080)
  /// STATUS_USER_APC.
  public static let userAPC = NTStatus(0x0000_00C0)
  /// STATUS_ALERTED.
  public static let alerted = NTStatus(0x0000_0101)
  /// STATUS_TIMEOUT: a wait's timeout elapsed.
  public static let timeout = NTStatus(0x0000_0102)
  /// STATUS_PENDING.
  public static let pending = NTStatus(0x0000_0103)
  /// STATUS_MORE_ENTRIES.
  public static let moreEntries = NTStatus(0x0000_0105)
  /// STATUS_NOT_ALL_ASSIGNED.
  public static let notAllAssigned = NTStatus(0x0000_0106)
  /// STATUS_OBJECT_NAME_EXISTS: OBJ_OPENIF opened an existing object (a success).
  public static let objectNameExists = NTStatus(0x4000_0000)
  /// STATUS_BUFFER_OVERFLOW.
  public static let bufferOverflow = NTStatus(0x8000_0005)
  /// STATUS_NO_MORE_ENTRIES.
  public static let noMoreEntries = NTStatus(0x8000_001A)
  /// STATUS_UNSUCCESSFUL.
  public static let unsuccessful = NTStatus(0xC000_0001)
  /// STATUS_NOT_IMPLEMENTED.
  public static let notImplemented = NTStatus(0xC000_0002)
  /// STATUS_INVALID_INFO_CLASS.
  public static let invalidInfoClass = NTStatus(0xC000_0003)
  /// STATUS_INFO_LENGTH_MISMATCH.
  public static let infoLengthMismatch = NTStatus(0xC000_0004)
  /// STATUS_ACCESS_VIOLATION.
  public static let accessViolation = NTStatus(0xC000_0005)
  /// STATUS_INVALID_HANDLE.
  public static let invalidHandle = NTStatus(0xC000_0008)
  /// STATUS_INVALID_CID.
  public static let invalidCID = NTStatus(0xC000_000B)
  /// STATUS_INVALID_PARAMETER.
  public static let invalidParameter = NTStatus(0xC000_000D)
  /// STATUS_NO_SUCH_DEVICE.
  public static let noSuchDevice = NTStatus(0xC000_000E)
  /// STATUS_NO_SUCH_FILE.
  public static let noSuchFile = NTStatus(0xC000_000F)
  /// STATUS_INVALID_DEVICE_REQUEST.
  public static let invalidDeviceRequest = NTStatus(0xC000_0010)
  /// STATUS_NO_MEMORY.
  public static let noMemory = NTStatus(0xC000_0017)
  /// STATUS_ACCESS_DENIED.
  public static let accessDenied = NTStatus(0xC000_0022)
  /// STATUS_BUFFER_TOO_SMALL.
  public static let bufferTooSmall = NTStatus(0xC000_0023)
  /// STATUS_OBJECT_TYPE_MISMATCH.
  public static let objectTypeMismatch = NTStatus(0xC000_0024)
  /// STATUS_INVALID_PARAMETER_MIX.
  public static let invalidParameterMix = NTStatus(0xC000_0030)
  /// STATUS_OBJECT_NAME_INVALID.
  public static let objectNameInvalid = NTStatus(0xC000_0033)
  /// STATUS_OBJECT_NAME_NOT_FOUND.
  public static let objectNameNotFound = NTStatus(0xC000_0034)
  /// STATUS_OBJECT_NAME_COLLISION.
  public static let objectNameCollision = NTStatus(0xC000_0035)
  /// STATUS_OBJECT_PATH_INVALID.
  public static let objectPathInvalid = NTStatus(0xC000_0039)
  /// STATUS_OBJECT_PATH_NOT_FOUND.
  public static let objectPathNotFound = NTStatus(0xC000_003A)
  /// STATUS_OBJECT_PATH_SYNTAX_BAD.
  public static let objectPathSyntaxBad = NTStatus(0xC000_003B)
  /// STATUS_MUTANT_NOT_OWNED.
  public static let mutantNotOwned = NTStatus(0xC000_0046)
  /// STATUS_SEMAPHORE_LIMIT_EXCEEDED.
  public static let semaphoreLimitExceeded = NTStatus(0xC000_0047)
  /// STATUS_THREAD_IS_TERMINATING.
  public static let threadIsTerminating = NTStatus(0xC000_004B)
  /// STATUS_DELETE_PENDING.
  public static let deletePending = NTStatus(0xC000_0056)
  /// STATUS_INVALID_OWNER.
  public static let invalidOwner = NTStatus(0xC000_005A)
  /// STATUS_NO_SUCH_PRIVILEGE.
  public static let noSuchPrivilege = NTStatus(0xC000_0060)
  /// STATUS_PRIVILEGE_NOT_HELD.
  public static let privilegeNotHeld = NTStatus(0xC000_0061)
  /// STATUS_INVALID_LABEL.
  public static let invalidLabel = NTStatus(0xC000_0446)
  /// STATUS_INVALID_ACL.
  public static let invalidACL = NTStatus(0xC000_0077)
  /// STATUS_INVALID_SID.
  public static let invalidSID = NTStatus(0xC000_0078)
  /// STATUS_INVALID_SECURITY_DESCR.
  public static let invalidSecurityDescriptor = NTStatus(0xC000_0079)
  /// STATUS_NO_TOKEN.
  public static let noToken = NTStatus(0xC000_007C)
  /// STATUS_INSUFFICIENT_RESOURCES.
  public static let insufficientResources = NTStatus(0xC000_009A)
  /// STATUS_NOT_SUPPORTED.
  public static let notSupported = NTStatus(0xC000_00BB)
  /// STATUS_PIPE_EMPTY.
  public static let pipeEmpty = NTStatus(0xC000_00D9)
  /// STATUS_NAME_TOO_LONG.
  public static let nameTooLong = NTStatus(0xC000_0106)
  /// STATUS_PROCESS_IS_TERMINATING.
  public static let processIsTerminating = NTStatus(0xC000_010A)
  /// STATUS_IMAGE_ALREADY_LOADED.
  public static let imageAlreadyLoaded = NTStatus(0xC000_010E)
  /// STATUS_CANCELLED.
  public static let cancelled = NTStatus(0xC000_0120)
  /// STATUS_DLL_NOT_FOUND.
  public static let dllNotFound = NTStatus(0xC000_0135)
  /// STATUS_DLL_INIT_FAILED: a DLL's DllMain returned FALSE at process attach.
  public static let dllInitFailed = NTStatus(0xC000_0142)
  /// STATUS_POSSIBLE_DEADLOCK.
  public static let possibleDeadlock = NTStatus(0xC000_0194)
  /// STATUS_NOT_FOUND.
  public static let notFound = NTStatus(0xC000_0225)
  /// STATUS_HANDLE_NOT_CLOSABLE.
  public static let handleNotClosable = NTStatus(0xC000_0235)
  /// STATUS_REPARSE_POINT_NOT_RESOLVED.
  public static let reparsePointNotResolved = NTStatus(0xC000_0280)
  /// STATUS_INVALID_IMAGE_HASH.
  public static let invalidImageHash = NTStatus(0xC000_0428)
  /// STATUS_NOT_CAPABLE.
  public static let notCapable = NTStatus(0xC000_0429)

  /// STATUS_INVALID_PARAMETER_1 … _12: the numbered parameter is wrong.
  public static func invalidParameter(_ n: Int) -> NTStatus {
    precondition((1...12).contains(n), "parameters are numbered 1 to 12")
    return NTStatus(0xC000_00EF + UInt32(n - 1))
  }
}

/// eBPF for Windows' `ebpf_result_t`: the status every runtime operation returns.
///
/// Helpers hand programs the negated value (`-EBPF_OUT_OF_SPACE` is −29); the libbpf-style API turns
/// a result into an errno with ``errno``, and netsh prints that errno (`error 13: could not load
/// program`). As an `Error`, a result other than ``success`` is what the runtime's Swift API throws.
public enum EBPFResult: Int32, Error, Sendable, CaseIterable, CustomStringConvertible {
  case success = 0
  case verificationFailed = 1
  case jitCompilationFailed = 2
  case programLoadFailed = 3
  case invalidFD = 4
  case invalidObject = 5
  case invalidArgument = 6
  case objectNotFound = 7
  case objectAlreadyExists = 8
  case fileNotFound = 9
  case alreadyPinned = 10
  case notPinned = 11
  case noMemory = 12
  case programTooLarge = 13
  case rpcException = 14
  case alreadyInitialized = 15
  case elfParsingFailed = 16
  case failed = 17
  case operationNotSupported = 18
  case keyNotFound = 19
  case accessDenied = 20
  case blockedByPolicy = 21
  case arithmeticOverflow = 22
  case extensionFailedToLoad = 23
  case insufficientBuffer = 24
  case noMoreKeys = 25
  case keyAlreadyExists = 26
  case noMoreTailCalls = 27
  case pending = 28
  case outOfSpace = 29
  case canceled = 30
  case invalidPointer = 31
  case timeout = 32
  case staleID = 33
  case invalidState = 34

  /// The C name, `EBPF_OUT_OF_SPACE`.
  public var name: String { Self.names[Int(rawValue)] }

  /// The C name.
  public var description: String { name }

  /// What a helper returns to the program: 0, or the negated code.
  public var helperReturnValue: Int64 { -Int64(rawValue) }

  /// `ebpf_result_to_errno` (MSVC's numbering: ENOTSUP is 129, ENOBUFS 119, EOTHER 131).
  public var errno: Int32 {
    switch self {
    case .success: return 0
    case .verificationFailed: return 13  // EACCES
    case .noMemory: return 12  // ENOMEM
    case .invalidArgument, .invalidObject, .extensionFailedToLoad, .alreadyInitialized: return 22  // EINVAL
    case .invalidFD: return 9  // EBADF
    case .operationNotSupported: return 129  // ENOTSUP
    case .insufficientBuffer: return 119  // ENOBUFS
    case .fileNotFound, .keyNotFound, .objectNotFound, .noMoreKeys: return 2  // ENOENT
    case .objectAlreadyExists: return 17  // EEXIST
    case .invalidPointer: return 14  // EFAULT
    case .outOfSpace: return 28  // ENOSPC
    case .accessDenied: return 1  // EPERM
    default: return 131  // EOTHER
    }
  }

  /// The result for a raw code, if it is one.
  public init?(code: Int32) { self.init(rawValue: code) }

  private static let names = [
    "EBPF_SUCCESS", "EBPF_VERIFICATION_FAILED", "EBPF_JIT_COMPILATION_FAILED", "EBPF_PROGRAM_LOAD_FAILED",
    "EBPF_INVALID_FD", "EBPF_INVALID_OBJECT", "EBPF_INVALID_ARGUMENT", "EBPF_OBJECT_NOT_FOUND",
    "EBPF_OBJECT_ALREADY_EXISTS", "EBPF_FILE_NOT_FOUND", "EBPF_ALREADY_PINNED", "EBPF_NOT_PINNED",
    "EBPF_NO_MEMORY", "EBPF_PROGRAM_TOO_LARGE", "EBPF_RPC_EXCEPTION", "EBPF_ALREADY_INITIALIZED",
    "EBPF_ELF_PARSING_FAILED", "EBPF_FAILED", "EBPF_OPERATION_NOT_SUPPORTED", "EBPF_KEY_NOT_FOUND",
    "EBPF_ACCESS_DENIED", "EBPF_BLOCKED_BY_POLICY", "EBPF_ARITHMETIC_OVERFLOW", "EBPF_EXTENSION_FAILED_TO_LOAD",
    "EBPF_INSUFFICIENT_BUFFER", "EBPF_NO_MORE_KEYS", "EBPF_KEY_ALREADY_EXISTS", "EBPF_NO_MORE_TAIL_CALLS",
    "EBPF_PENDING", "EBPF_OUT_OF_SPACE", "EBPF_CANCELED", "EBPF_INVALID_POINTER", "EBPF_TIMEOUT",
    "EBPF_STALE_ID", "EBPF_INVALID_STATE",
  ]
}

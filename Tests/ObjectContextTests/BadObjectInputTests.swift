import Shell
import Testing

/// Malformed input from Fixtures/bad/object: each script fails cleanly with the right status.
@Suite struct BadObjectInputTests {
  static let cases: [(file: String, firstLine: String)] = [
    ("bad-handle.txt", "bad-handle.txt:1: CloseHandle(0x1234) failed: ERROR_INVALID_HANDLE (6): The handle is invalid."),
    ("not-a-handle.txt", "not-a-handle.txt:1: 'banana' is not a handle value (write it as 0x1a4 or 420)."),
    ("kernel-handle-from-user.txt", "kernel-handle-from-user.txt:1: CloseHandle(0xffffffff80000004) failed: ERROR_INVALID_HANDLE (6): The handle is invalid."),
    ("wrong-type-handle.txt", "  NTSTATUS: STATUS_OBJECT_TYPE_MISMATCH (0xC0000024): {Wrong Type} There is a mismatch between the type of object required by the requested operation and the type of object that is specified in the request."),
    ("insufficient-access.txt", "insufficient-access.txt:3: SetEvent failed: ERROR_ACCESS_DENIED (5): Access is denied."),
    ("illegal-characters.txt", "illegal-characters.txt:1: CreateEvent failed: ERROR_PATH_NOT_FOUND (3): The system cannot find the path specified."),
    ("over-long-name.txt", "over-long-name.txt:1: CreateEvent failed: ERROR_FILENAME_EXCED_RANGE (206): The filename or extension is too long."),
    ("over-long-path.txt", "over-long-path.txt:1: NtOpenEvent failed: STATUS_OBJECT_NAME_INVALID (0xC0000033): Object Name invalid."),
    ("empty-name.txt", "empty-name.txt:1: OpenEvent failed: ERROR_INVALID_PARAMETER (87): The parameter is incorrect."),
    ("path-through-non-directory.txt", "  NTSTATUS: STATUS_OBJECT_TYPE_MISMATCH (0xC0000024): {Wrong Type} There is a mismatch between the type of object required by the requested operation and the type of object that is specified in the request."),
    ("directory-not-found.txt", "directory-not-found.txt:1: NtOpenDirectoryObject failed: STATUS_OBJECT_NAME_NOT_FOUND (0xC0000034): Object Name not found."),
    ("symlink-loop.txt", "symlink-loop.txt:3: OpenEvent failed: ERROR_CANT_RESOLVE_FILENAME (1921): The name of the file cannot be resolved by the system."),
    ("bad-address.txt", "bad-address.txt:1: 'zzz' is not an address (16 hex digits, e.g. ffffad8d14503080)."),
    ("not-an-object.txt", "not-an-object.txt:1: ffff000000000010: not a valid object (no live object has its body or header there)."),
    ("bad-sddl.txt", "bad-sddl.txt:1: sd: Unknown ACE type 'Q' (A, D, AU or ML)."),
    ("terminate-own-job.txt", "terminate-own-job.txt:3: The job contains the acting process (ntsh.exe, pid 512); the shell does not terminate its own process."),
    ("negative-seed.txt", "negative-seed.txt:1: seed is 0 to 9223372036854775807."),
    ("dump-arguments.txt", "dump-arguments.txt:1: 'all' is not a valid argument for this command."),
    ("huge-acl.txt", "huge-acl.txt:1: sd: The DACL would be 66008 bytes (3300 ACEs); an ACL holds at most 65535 bytes (AclSize is 16 bits)."),
    ("deadlock.txt", "deadlock.txt:2: The wait can never be satisfied: no thread can run and no timer is pending (a deadlock). It was abandoned."),
    ("huge-timeout.txt", "huge-timeout.txt:2: '99999999999' is not a time in milliseconds (0 to 4294967294, or infinite)."),
    ("too-many-wait-handles.txt", "too-many-wait-handles.txt:1: WaitForMultipleObjects failed: ERROR_INVALID_PARAMETER (87): The parameter is incorrect."),
    ("semaphore-counts.txt", "semaphore-counts.txt:1: CreateSemaphore failed: ERROR_INVALID_PARAMETER (87): The parameter is incorrect."),
    ("no-such-process.txt", "no-such-process.txt:1: NtOpenProcess failed: STATUS_INVALID_CID (0xC000000B): An invalid client ID was specified."),
    ("no-such-privilege.txt", "no-such-privilege.txt:1: LookupPrivilegeValue failed: STATUS_NO_SUCH_PRIVILEGE (0xC0000060): A specified privilege does not exist."),
    ("no-such-type.txt", "no-such-type.txt:1: No object type is named 'NoSuchType' (`show types` lists the 70 types)."),
    ("terminate-self.txt", "terminate-self.txt:1: The acting process cannot terminate itself from the shell."),
    ("driver-needs-admin.txt", "driver-needs-admin.txt:2: CreateFile(\\\\.\\ObjectTest) failed: ERROR_ACCESS_DENIED (5): Access is denied."),
    ("dereference-not-held.txt", "dereference-not-held.txt:1: ObjTest.sys holds no reference to ffffa4fd3e800600 (`kernel list` shows the ones it holds)."),
    ("unknown-program.txt", "unknown-program.txt:1: CreateProcess failed: ERROR_FILE_NOT_FOUND (2): The system cannot find the file specified."),
    ("bad-error-code.txt", "bad-error-code.txt:1: 'banana' is not an NTSTATUS, Win32 error or HRESULT value or name."),
  ]

  @Test(arguments: cases.map(\.file))
  func badScriptFailsCleanly(_ file: String) throws {
    let expected = Self.cases.first { $0.file == file }?.firstLine ?? ""
    let text = try FileReader.readText(Harness.fixtures + "/bad/object/" + file)
    let (ok, output) = Harness().script(FileReader.lines(of: text), name: file)
    #expect(!ok)
    #expect(output.split(separator: "\n").map(String.init).contains(expected), "\(output.prefix(2000))")
  }

  @Test func everyFixtureIsListed() throws {
    let readme = try FileReader.readText(Harness.fixtures + "/bad/object/README.md")
    for c in Self.cases { #expect(readme.contains(c.file), "\(c.file) missing from README") }
    #expect(try Harness.badScripts("object") == Set(Self.cases.map(\.file)))
  }
}

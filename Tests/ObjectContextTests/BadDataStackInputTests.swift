import Shell
import Testing

/// Malformed and hostile DataStack input from Fixtures/bad/datastack: each script fails cleanly, with
/// the status the seed's driver gives, and never crashes or hangs.
@Suite struct BadDataStackInputTests {
  static let cases: [(file: String, line: String)] = [
    ("no-driver.txt", "no-driver.txt:1: DataStack.dll did not load: its DllMain could not open \\Device\\KDataStack: STATUS_OBJECT_NAME_NOT_FOUND (0xC0000034): Object Name not found."),
    ("bad-handle.txt", "bad-handle.txt:2: PushDataStack failed: ERROR_INVALID_HANDLE (6): The handle is invalid."),
    ("not-a-handle.txt", "not-a-handle.txt:2: 'banana' is not a handle value (write it as 0x1a4 or 420)."),
    ("wrong-type-handle.txt", "  NTSTATUS: STATUS_OBJECT_TYPE_MISMATCH (0xC0000024): {Wrong Type} There is a mismatch between the type of object required by the requested operation and the type of object that is specified in the request."),
    ("insufficient-access.txt", "insufficient-access.txt:4: PushDataStack failed: ERROR_ACCESS_DENIED (5): Access is denied."),
    ("zero-size-item.txt", "  NTSTATUS: STATUS_INVALID_PARAMETER_3 (0xC00000F1): An invalid parameter was passed to a service or function as the third argument."),
    ("size-past-the-buffer.txt", "size-past-the-buffer.txt:3: PushDataStack failed: ERROR_NOACCESS (998): Invalid access to memory location."),
    ("item-larger-than-the-pool.txt", "  NTSTATUS: STATUS_INSUFFICIENT_RESOURCES (0xC000009A): Insufficient system resources exist to complete the API."),
    ("item-over-the-size-limit.txt", "item-over-the-size-limit.txt:3: PushDataStack failed: ERROR_NOT_CAPABLE (775): The implementation is not capable of performing the request."),
    ("null-push-buffer.txt", "  NTSTATUS: STATUS_INVALID_PARAMETER_2 (0xC00000F0): An invalid parameter was passed to a service or function as the second argument."),
    ("null-pop-buffer.txt", "  NTSTATUS: STATUS_INVALID_PARAMETER_2 (0xC00000F0): An invalid parameter was passed to a service or function as the second argument."),
    ("null-query-buffer.txt", "null-query-buffer.txt:3: NtQueryInformationDataStack(DataStackConfiguration) failed: STATUS_INVALID_PARAMETER (0xC000000D): An invalid parameter was passed to a service or function."),
    ("million-pushes-full.txt", "  999900 failed with STATUS_NO_MORE_ENTRIES, ERROR_NO_MORE_ITEMS (259)."),
    ("many-pushes-size-limit.txt", "  99800 failed with STATUS_NOT_CAPABLE, ERROR_NOT_CAPABLE (775)."),
    ("empty-pop.txt", "empty-pop.txt:3: PopDataStack failed: ERROR_NO_DATA (232): The pipe is being closed."),
    ("clear-then-pop.txt", "clear-then-pop.txt:6: PopDataStack failed: ERROR_NO_DATA (232): The pipe is being closed."),
    ("small-pop-buffer.txt", "  The top item has 6 bytes; it stays on the stack."),
    ("negative-pop-size.txt", "negative-pop-size.txt:3: size is 0 to 16777216."),
    ("bad-hex.txt", "bad-hex.txt:3: hex is an even number of hex digits, e.g. 0a0b0c."),
    ("two-items.txt", "two-items.txt:3: Give one of string=, int= or hex=."),
    ("int-out-of-range.txt", "int-out-of-range.txt:3: '99999999999' is not a 32-bit integer."),
    ("zero-count.txt", "zero-count.txt:3: count is 1 to 10000000."),
    ("limit-too-large.txt", "limit-too-large.txt:2: maxitemcount is 0 to 4294967295."),
    ("negative-limit.txt", "negative-limit.txt:2: maxsize is 0 to 18446744073709551615."),
    ("unknown-class-name.txt", "unknown-class-name.txt:3: 'banana' is not an information class (count, size, config, or a number)."),
    ("unknown-class.txt", "unknown-class.txt:3: NtQueryInformationDataStack(class 7) failed: STATUS_INVALID_INFO_CLASS (0xC0000003): {Invalid Parameter} The specified information class is not a valid information class for the specified object."),
    ("missing-name.txt", "missing-name.txt:2: OpenDataStack failed: ERROR_FILE_NOT_FOUND (2): The system cannot find the file specified."),
    ("part3-query.txt", "part3-query.txt:4: GetDataStackItemCount failed: ERROR_INVALID_FUNCTION (1): Incorrect function."),
    ("part3-wait.txt", "  NTSTATUS: STATUS_OBJECT_TYPE_MISMATCH (0xC0000024): {Wrong Type} There is a mismatch between the type of object required by the requested operation and the type of object that is specified in the request."),
    ("unknown-variant.txt", "  DriverEntry refused the boot option datastack=part9: it is part3 or part4 (restart option=datastack=part4)."),
    ("unload-in-use.txt", "unload-in-use.txt:3: ControlService failed: ERROR_DEVICE_IN_USE (2404): The device is in use by an active process and cannot be disconnected."),
    ("load-twice.txt", "load-twice.txt:2: StartService failed: ERROR_SERVICE_ALREADY_RUNNING (1056): An instance of the service is already running."),
    ("load-needs-admin.txt", "load-needs-admin.txt:2: OpenService failed: ERROR_ACCESS_DENIED (5): Access is denied."),
  ]

  @Test(arguments: cases.map(\.file))
  func badScriptFailsCleanly(_ file: String) throws {
    let expected = Self.cases.first { $0.file == file }?.line ?? ""
    let text = try FileReader.readText(Harness.fixtures + "/bad/datastack/" + file)
    let (ok, output) = Harness().script(FileReader.lines(of: text), name: file)
    #expect(!ok)
    #expect(output.split(separator: "\n").map(String.init).contains(expected), "\(output.prefix(2000))")
  }

  @Test func everyFixtureIsListed() throws {
    let readme = try FileReader.readText(Harness.fixtures + "/bad/datastack/README.md")
    for c in Self.cases { #expect(readme.contains(c.file), "\(c.file) missing from README") }
    #expect(try Harness.badScripts("datastack") == Set(Self.cases.map(\.file)))
  }
}

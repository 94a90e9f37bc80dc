import Testing

@testable import NTCore

@Suite struct NTStatusTests {
  @Test func severityDecidesSuccess() {
    #expect(NTStatus.success.isSuccess)
    #expect(NTStatus(0x4000_0000).isSuccess)  // informational
    #expect(!NTStatus(0x8000_0005).isSuccess)  // warning
    #expect(!NTStatus(0xC000_0034).isSuccess)  // error
  }

  @Test func descriptionCarriesNameValueAndMessage() {
    #expect(NTStatus.objectNameNotFound.description == "STATUS_OBJECT_NAME_NOT_FOUND (0xC0000034): Object Name not found.")
    #expect(NTStatus(0xC0DE_0001).description == "0xC0DE0001: Unknown NTSTATUS value.")
  }

  @Test func rtlNtStatusToDosErrorFollowsTheTableAndItsFallbacks() {
    #expect(NTStatus.objectNameNotFound.win32Error == .fileNotFound)
    #expect(NTStatus.objectTypeMismatch.win32Error == .invalidHandle)
    #expect(NTStatus.pipeEmpty.win32Error == .noData)
    #expect(NTStatus.notCapable.win32Error.code == 775)
    #expect(NTStatus.privilegeNotHeld.win32Error.code == 1314)
    #expect(NTStatus.success.win32Error == .success)
    #expect(NTStatus(0xC007_0005).win32Error == .accessDenied)  // facility Win32
    #expect(NTStatus(0xE000_1234).win32Error.code == 0xE000_1234)  // customer bit
    #expect(NTStatus(0xC0DE_0001).win32Error == .mrMidNotFound)
    for n in 1...12 { #expect(NTStatus.invalidParameter(n).win32Error == .invalidParameter) }
  }

  @Test func everyTableRowHasAUniqueNameAndAKnownWin32Target() {
    var names = Set<String>()
    for e in NTStatus.table {
      #expect(names.insert(e.name).inserted, "duplicate \(e.name)")
      if let w = e.win32 { #expect(Win32Error(w).name != nil, "\(e.name) maps to unknown \(w)") }
    }
  }

  @Test func namedLookupIsCaseInsensitiveAndPrefixOptional() {
    #expect(NTStatus.named("status_access_denied") == .accessDenied)
    #expect(NTStatus.named("OBJECT_NAME_COLLISION") == .objectNameCollision)
    #expect(NTStatus.named("STATUS_WAIT_0") == .success)
    #expect(NTStatus.named("nonsense") == nil)
  }
}

@Suite struct Win32ErrorTests {
  @Test func describesAndLooksUp() {
    #expect(Win32Error.fileNotFound.description == "ERROR_FILE_NOT_FOUND (2): The system cannot find the file specified.")
    #expect(Win32Error.named("access_denied") == .accessDenied)
    #expect(Win32Error.named("WAIT_TIMEOUT")?.code == 258)
    #expect(Win32Error(99999).description == "Error 99999: Unknown Win32 error.")
  }

  @Test func hresultFromWin32() {
    #expect(Win32Error.accessDenied.hresult.rawValue == 0x8007_0005)
    #expect(Win32Error.success.hresult == .ok)
    #expect(HResult(0x8007_0005).name == "E_ACCESSDENIED")
    #expect(HResult(0x8007_0002).name == "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)")
    #expect(HResult(ntstatus: .accessDenied).rawValue == 0xD000_0022)
    #expect(HResult(0xD000_0022).ntstatus == .accessDenied)
  }
}

@Suite struct ErrorLookupTests {
  @Test func explainsAStatusWithItsMapping() throws {
    let lines = try #require(ErrorLookup.explain("0xc0000034"))
    #expect(lines[0] == "NTSTATUS 0xC0000034 (3221225524) STATUS_OBJECT_NAME_NOT_FOUND")
    #expect(lines.contains("Win32 error (RtlNtStatusToDosError): ERROR_FILE_NOT_FOUND (2)"))
  }

  @Test func smallNumbersAreWin32ErrorsAndListTheirSources() throws {
    let lines = try #require(ErrorLookup.explain("2"))
    #expect(lines[0] == "Win32 error 2 (0x2) ERROR_FILE_NOT_FOUND")
    #expect(lines.contains("    0xC0000034 STATUS_OBJECT_NAME_NOT_FOUND"))
  }

  @Test func acceptsNamesNegativesAndHresults() throws {
    #expect(try #require(ErrorLookup.explain("STATUS_PRIVILEGE_NOT_HELD"))[0].hasPrefix("NTSTATUS 0xC0000061"))
    #expect(try #require(ErrorLookup.explain("-1073741790"))[0].hasPrefix("NTSTATUS 0xC0000022"))
    #expect(try #require(ErrorLookup.explain("0x80070005"))[0].hasPrefix("HRESULT 0x80070005"))
    #expect(try #require(ErrorLookup.explain("ERROR_ALREADY_EXISTS"))[0].hasPrefix("Win32 error 183"))
    #expect(ErrorLookup.explain("banana") == nil)
    #expect(ErrorLookup.explain("0x1ffffffff") == nil)
  }

  @Test func knowsTheCodesTheAuditFoundMissing() throws {
    let noData = try #require(ErrorLookup.explain("0x80000022"))
    #expect(noData[0] == "NTSTATUS 0x80000022 (2147483682) STATUS_NO_DATA_DETECTED")
    #expect(noData.contains("Win32 error (RtlNtStatusToDosError): ERROR_NO_DATA_DETECTED (1104)"))
    #expect(try #require(ErrorLookup.explain("128"))[0] == "Win32 error 128 (0x80) ERROR_WAIT_NO_CHILDREN")
    #expect(NTStatus.named("STATUS_INVALID_LABEL")?.win32Error.code == 1299)
  }
}

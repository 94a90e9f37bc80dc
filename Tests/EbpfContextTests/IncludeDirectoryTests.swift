import EbpfContext
import Foundation
import Testing

@Suite struct IncludeDirectoryTests {
  @Test func foundFromTheRunningTestBinary() throws {
    // The test runner lives in .build inside the checkout, like a debug or release ntsh.
    let found = try IncludeDirectory.locate()
    #expect(found == URL(fileURLWithPath: TestSupport.includeDirectory).resolvingSymlinksInPath().path)
    #expect(found.hasPrefix("/"))
    #expect(FileManager.default.fileExists(atPath: found + "/bpf_helpers.h"))
  }

  @Test func foundFromAnExecutableAnywhereInTheCheckout() throws {
    let found = try IncludeDirectory.locate(override: nil, executable: TestSupport.root + "/.build/release/ntsh")
    #expect(found.hasSuffix("/include/ebpf"))
  }

  @Test func anInstalledLayout() throws {
    let prefix = try TestSupport.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: prefix + "/share/ntsh/include/ebpf", withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: prefix + "/bin/ntsh", contents: Data()))
    #expect(FileManager.default.createFile(atPath: prefix + "/share/ntsh/include/ebpf/bpf_helpers.h", contents: Data()))
    let found = try IncludeDirectory.locate(override: nil, executable: prefix + "/bin/ntsh")
    #expect(found.hasSuffix("/share/ntsh/include/ebpf"))
  }

  @Test func notFoundIsAClearError() throws {
    let lonely = try TestSupport.temporaryDirectory() + "/ntsh"
    #expect(throws: IncludeDirectory.Failure.notFound(executable: lonely)) {
      try IncludeDirectory.locate(override: nil, executable: lonely)
    }
    #expect(IncludeDirectory.Failure.notFound(executable: lonely).description.contains("NTSH_INCLUDE_DIR"))
  }

  @Test func theOverrideWinsAndIsChecked() throws {
    let found = try IncludeDirectory.locate(override: TestSupport.includeDirectory + "/../ebpf", executable: "/x")
    #expect(found == URL(fileURLWithPath: TestSupport.includeDirectory).resolvingSymlinksInPath().path)
    #expect(throws: IncludeDirectory.Failure.overrideInvalid(path: "/nonexistent")) {
      try IncludeDirectory.locate(override: "/nonexistent", executable: "/x")
    }
    #expect(throws: IncludeDirectory.Failure.overrideInvalid(path: TestSupport.root)) {
      try IncludeDirectory.locate(override: TestSupport.root, executable: "/x")
    }
  }
}

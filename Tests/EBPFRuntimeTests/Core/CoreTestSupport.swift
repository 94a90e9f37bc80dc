import Foundation

@testable import EBPFRuntime

/// Fixture objects and small builders for the runtime's tests.
enum CoreFixtures {
  /// The repository root, found from this file.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// The bytes of `Fixtures/ebpf/programs/<name>.o`.
  static func object(_ name: String) throws -> [UInt8] {
    let path = root + "/Fixtures/ebpf/programs/\(name).o"
    guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileNoSuchFile) }
    return [UInt8](data)
  }

  /// A runtime with the fixture loaded (and its first program attached when `attach`).
  static func loaded(_ name: String, attach: Bool = true) throws -> (EbpfCore, LoadedObject) {
    let core = EbpfCore()
    let object = try core.load(bytes: try self.object(name), options: LoadOptions(fileName: "\(name).o"))
    if attach, let first = object.programIDs.first { _ = try core.attach(programID: first) }
    return (core, object)
  }

  /// A caller with this pid.
  static func caller(_ pid: UInt32, image: String = "svchost.exe", admin: Bool = false) -> CallerIdentity {
    CallerIdentity(
      processID: pid, threadID: pid + 4, logonID: 0x3e7, isAdministrator: admin,
      processStartKey: 1 << 48 | UInt64(pid), threadCreateTime: 0)
  }

  /// A bind from an image.
  static func bind(pid: UInt32, image: String, port: UInt16 = 80, protocol p: UInt8 = 6, operation: UInt32 = 0)
    -> BindEvent
  {
    BindEvent(
      processID: UInt64(pid), port: port, protocol: p, operation: operation, appID: AppID.blob(imageName: image))
  }

  /// Delivers a bind through the hook.
  @discardableResult
  static func deliver(_ core: EbpfCore, _ event: BindEvent) -> HookOutcome {
    core.invoke(AttachType.all[1], input: event.input, caller: caller(UInt32(event.processID)))
  }
}

extension Array where Element == UInt8 {
  /// Little-endian u32 at `offset`.
  func u32(_ offset: Int) -> UInt32 {
    UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3])
      << 24
  }

  /// Little-endian u64 at `offset`.
  func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}

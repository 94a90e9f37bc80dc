@testable import BPF

/// Environments and helpers shared by the verifier tests: contexts shaped like eBPF for Windows'
/// bind and XDP hooks, a handful of helper prototypes and maps.
enum VerifierFixtures {
  /// The soundness harness's prototypes (the tests and the harness agree on what helpers mean).
  static let helpers = SoundnessHarness.helpers

  static let maps: [VerifierMap] = [
    VerifierMap(name: "proc_map", keySize: 4, valueSize: 40, maxEntries: 1024),
    VerifierMap(name: "counters", keySize: 4, valueSize: 8, maxEntries: 4),
    VerifierMap(name: "programs", kind: .programArray, keySize: 4, valueSize: 4, maxEntries: 8),
    VerifierMap(name: "outer", kind: .mapOfMaps(innerIndex: 4), keySize: 4, valueSize: 4, maxEntries: 2),
    VerifierMap(name: "inner", keySize: 4, valueSize: 16, maxEntries: 4),
    VerifierMap(name: ".rodata", keySize: 4, valueSize: 16, maxEntries: 1, readOnly: true),
  ]

  /// bind_md_t: 56 bytes, app id start/end pointers at 0 and 8 (read-only), data read-only.
  static let bind = VerifierEnvironment(
    context: VerifierContext(size: 56, dataOffset: 0, endOffset: 8, readOnlyRanges: [0..<16], dataWritable: false),
    helpers: helpers, maps: maps, mapIndexByFD: [1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5])

  /// xdp_md_t: 32 bytes, data/end/meta at 0/8/16, packet writable.
  static let xdp = VerifierEnvironment(
    context: VerifierContext(size: 32, dataOffset: 0, endOffset: 8, metaOffset: 16, readOnlyRanges: [0..<24]),
    helpers: helpers + [SoundnessHarness.adjustHead],
    maps: maps, mapIndexByFD: [1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5])

  /// A context without data pointers (sock_addr-like).
  static let plain = VerifierEnvironment(
    context: VerifierContext(size: 64), helpers: helpers, maps: maps,
    mapIndexByFD: [1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5])

  /// Verifies assembly text (conformance dialect).
  static func verify(
    _ source: String, _ environment: VerifierEnvironment = bind, options: VerifierOptions = VerifierOptions()
  ) throws -> VerificationResult {
    let slots = try Assembler.assemble(source)
    return Verifier(environment: environment, options: options).verify(slots: slots)
  }

  /// The error lines of a result (`pc: text`).
  static func errors(_ r: VerificationResult) -> [String] { r.errors.map(\.description) }
}

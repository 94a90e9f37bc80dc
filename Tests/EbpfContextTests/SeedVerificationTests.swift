import BPF
import EBPFRuntime
import Foundation
import Testing

/// The seed's TraceConnections, extracted from the seed document and compiled with clang at test
/// time (skipped when either is missing). Its copy length min(32, app_id_end - app_id_start) is
/// safe only through the relation between that length and the app id's size.
@Suite(.enabled(if: TestSupport.clang != nil && TestSupport.seedDirectory != nil, "needs clang and the seed"))
struct SeedVerificationTests {
  @Test func traceConnectionsIsAcceptedThroughTheRelationalDomain() throws {
    let source = try #require(try HeaderTests.seedProgram(), "the seed's full-code listing was not found")
    let (outcome, path) = try TestSupport.compile(source, name: "TraceConnections")
    #expect(outcome.exitStatus == 0, "\(String(decoding: outcome.output, as: UTF8.self))")
    let bytes = try #require(FileManager.default.contents(atPath: path))
    let object = try BPFObject.load(bytes: [UInt8](bytes))
    let program = try #require(object.program(named: "TraceConnections"))
    let check = try ProgramVerification(object: object, program: program, type: .bind)
    let result = check.verify(options: VerifierOptions(level: .verbose))
    #expect(result.succeeded, "\(check.report(result).text)")
    #expect(
      check.report(result).text.hasSuffix("Verification succeeded\nProgram terminates within 0 loop iterations\n"))
    // The relation that makes the copy safe: the length never exceeds the app id's size.
    #expect(result.invariants.contains { $0.post.contains("r2.svalue-packet_size<=0") })
  }
}

import NtshKit
import Testing

/// The acceptance layer: every transcript under Fixtures/transcripts replays byte for byte
/// through the same runner as `ntsh check`.
@Suite struct TranscriptAcceptanceTests {
  /// Transcripts are `.txt` files directly describing sessions; helper scripts live in `scripts/` folders.
  static let transcripts = Fixtures.files(in: "transcripts", extension: "txt").filter { !$0.contains("/scripts/") }

  @Test func thereAreTranscripts() {
    #expect(Self.transcripts.count >= 5)
  }

  @Test(arguments: transcripts)
  func transcriptReplays(_ file: String) throws {
    let outcome = try Ntsh.transcriptRunner().check(path: Fixtures.path(file))
    #expect(outcome.passed, "\(outcome.diff)")
  }
}

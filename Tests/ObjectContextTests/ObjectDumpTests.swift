import Testing

/// `dump` for the object context: a script that recreates what the user made.
@Suite struct ObjectDumpTests {
  static let made = [
    "object load driver KObjects",
    "object create event name=MyEv type=synchronization state=set",
    "object create semaphore name=Slots initial=2 maximum=4",
    "object create job name=J inherit=yes",
    "object create symlink name=Here target=\\Sessions\\1\\BaseNamedObjects",
    "object create datastack name=S maxitemcount=10",
    "object create event \\BaseNamedObjects\\Global1",
    "object create event name=\"a b\"",
    "object create event",
  ]

  @Test func theDumpRecreatesTheSameObjects() {
    let first = Harness()
    #expect(first.script(Self.made).ok)
    let dump = first.run("dump")
    #expect(dump.contains("load driver KObjects\ncreate event name=MyEv type=synchronization state=set\n"))
    #expect(dump.contains("create job name=J inherit=yes\n"))
    #expect(dump.contains("create event name=\"a b\" type=notification state=reset\n"))
    #expect(dump.contains("create event name=\\BaseNamedObjects\\Global1 type=notification state=reset\n"))
    // Unnamed objects cannot be named in a script.
    #expect(dump.components(separatedBy: "create event").count == 4)

    let second = Harness()
    let replay = second.script(dump.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    #expect(replay.ok, "\(replay.output)")
    #expect(second.run("dump") == dump)
  }

  @Test func closedObjectsAreNotDumped() {
    let h = Harness()
    #expect(h.script(["object create event name=Gone", "object close 0xc"]).ok)
    #expect(!h.run("dump").contains("Gone"))
  }
}

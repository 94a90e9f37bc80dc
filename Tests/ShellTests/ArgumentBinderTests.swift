import Testing

@testable import Shell

@Suite struct ArgumentBinderTests {
  let tags = [
    TagSpec("filename", .file, .required, help: ""),
    TagSpec("type", help: ""),
    TagSpec("pinned", .choice(["none", "first", "all"]), help: "", default: "first"),
    TagSpec("id", .integer, help: ""),
  ]

  func bind(_ line: String) throws -> Arguments {
    try ArgumentBinder.bind(try Tokenizer.tokenize(line), to: tags)
  }

  @Test func positionalsFillTagsInOrder() throws {
    let args = try bind("a.o bind")
    #expect(args["filename"] == "a.o")
    #expect(args["type"] == "bind")
    #expect(args["pinned"] == "first")  // default
    #expect(!args.has("pinned"))
  }

  @Test func taggedValuesBindByPrefixAndPositionalsSkipThem() throws {
    let args = try bind("fil=a.o PIN=al xdp")
    #expect(args["filename"] == "a.o")
    #expect(args["pinned"] == "all")
    #expect(args["type"] == "xdp")
  }

  @Test func integersAcceptHexAndRejectText() throws {
    #expect(try bind("a.o id=0x10").integer("id") == 16)
    #expect(try bind("a.o id=-3").integer("id") == -3)
    #expect(throws: ShellError.invalidArgument("id=ten")) { try bind("a.o id=ten") }
  }

  @Test func errorsNameTheProblem() {
    #expect(throws: ShellError.missingRequired) { try bind("type=bind") }
    #expect(throws: ShellError.invalidArgument("pinned=some")) { try bind("a.o pinned=some") }
    #expect(throws: ShellError.invalidArgument("bogus=1")) { try bind("a.o bogus=1") }
    #expect(throws: ShellError.duplicateTag("type")) { try bind("a.o type=x type=y") }
    #expect(throws: ShellError.invalidArgument("extra")) { try bind("a.o t first 1 extra") }
  }

  @Test func restTagTakesEverythingVerbatim() throws {
    let tags = [TagSpec("name", help: ""), TagSpec("value", .text(placeholder: "word"), .rest, help: "")]
    let args = try ArgumentBinder.bind(try Tokenizer.tokenize("x show name=y \"a b\""), to: tags)
    #expect(args["name"] == "x")
    #expect(args.all("value") == ["show", "name=y", "a b"])
  }

  @Test func ambiguousTagsAndValuesListTheirCandidates() {
    let tags = [TagSpec("filename", .file, help: ""), TagSpec("format", .choice(["table", "json", "jsonlines"]), help: "")]
    #expect(throws: ShellError.ambiguousArgument(what: "The tag 'f'", candidates: ["filename", "format"])) {
      try ArgumentBinder.bind(try Tokenizer.tokenize("f=x"), to: tags)
    }
    #expect(throws: ShellError.ambiguousArgument(what: "The value 'js' of format", candidates: ["json", "jsonlines"])) {
      try ArgumentBinder.bind(try Tokenizer.tokenize("format=js"), to: tags)
    }
  }

  @Test func restLineKeepsTagsAndQuoting() throws {
    let tags = [TagSpec("command", .commandLine, .rest, help: "")]
    let args = try ArgumentBinder.bind(try Tokenizer.tokenize("ebpf show level=verbose name=\"a b\" \"x=y\""), to: tags)
    #expect(args.restLine == "ebpf show level=verbose name=\"a b\" \"x=y\"")
    #expect(try Tokenizer.tokenize(args.restLine).map(\.tag) == [nil, nil, "level", "name", nil])
  }

  @Test func parseIntegerEdges() {
    #expect(Arguments.parseInteger("0xffffffffffffffff") == -1)
    #expect(Arguments.parseInteger("-9223372036854775808") == Int64.min)
    #expect(Arguments.parseInteger("18446744073709551616") == nil)
    #expect(Arguments.parseInteger("") == nil)
    #expect(Arguments.parseInteger("0x") == nil)
  }
}

import Testing

@testable import Shell

@Suite struct TokenizerTests {
  @Test func splitsOnWhitespaceAndRemovesQuotes() throws {
    let tokens = try Tokenizer.tokenize("  add program  \"my file.o\"\ttype=bind ")
    #expect(tokens.map(\.text) == ["add", "program", "my file.o", "type=bind"])
    #expect(tokens[3].tag == "type" && tokens[3].value == "bind")
    #expect(tokens[2].tag == nil)
  }

  @Test func quotedEqualsIsNotATag() throws {
    let tokens = try Tokenizer.tokenize("\"a=b\" name=\"x = y\" c:\\Test\\x.sys")
    #expect(tokens[0].tag == nil && tokens[0].text == "a=b")
    #expect(tokens[1].tag == "name" && tokens[1].value == "x = y")
    #expect(tokens[2].text == "c:\\Test\\x.sys")
  }

  @Test func emptyQuotedValueIsAWord() throws {
    let tokens = try Tokenizer.tokenize("set attached=\"\" \"\"")
    #expect(tokens.count == 3)
    #expect(tokens[1].tag == "attached" && tokens[1].value == "")
    #expect(tokens[2].text == "")
  }

  @Test func unbalancedQuoteIsAnError() {
    #expect(throws: Tokenizer.Failure.unbalancedQuote(at: 8)) { try Tokenizer.tokenize("unalias \"oops") }
  }

  @Test func quoteArgumentKeepsTagsTagged() throws {
    #expect(Tokenizer.quoteArgument("name=a b") == "name=\"a b\"")
    #expect(Tokenizer.quoteArgument("plain") == "plain")
    #expect(Tokenizer.quoteArgument("two words") == "\"two words\"")
    let tokens = try Tokenizer.tokenize(Tokenizer.quoteArgument("name=a b"))
    #expect(tokens[0].tag == "name" && tokens[0].value == "a b")
  }
}

import Testing

@testable import EbpfContext

/// Keys and values typed by people: the forms ValueCodec reads without BTF, and its hex.
@Suite struct ValueCodecTests {
  @Test func numbersFillTheirPlaceLittleEndian() throws {
    #expect(try ValueCodec.encode("1234", size: 4, type: nil, btf: nil) == [0xd2, 0x04, 0, 0])
    #expect(try ValueCodec.encode("0x2a", size: 8, type: nil, btf: nil) == [0x2a, 0, 0, 0, 0, 0, 0, 0])
    #expect(try ValueCodec.encode("-1", size: 4, type: nil, btf: nil) == [0xff, 0xff, 0xff, 0xff])
  }

  @Test func textForms() throws {
    #expect(try ValueCodec.encode("text:ab", size: 4, type: nil, btf: nil) == [0x61, 0x62, 0, 0])
    #expect(try ValueCodec.encode("utf16:ab", size: 6, type: nil, btf: nil) == [0x61, 0, 0x62, 0, 0, 0])
    #expect(try ValueCodec.encode("hex:0a0b", size: 2, type: nil, btf: nil) == [0x0a, 0x0b])
    #expect(try ValueCodec.encode("10.1.2.3", size: 4, type: nil, btf: nil) == [10, 1, 2, 3])
    #expect(try ValueCodec.bytes("utf16:a") == [0x61, 0])
  }

  @Test func compositesConcatenateWithoutBTF() throws {
    #expect(try ValueCodec.encode("{hex:01,hex:0203}", size: 4, type: nil, btf: nil) == [1, 2, 3, 0])
  }

  @Test func badValuesAreExplained() {
    #expect(throws: ValueError.self) { try ValueCodec.encode("0x1ffffffff", size: 4, type: nil, btf: nil) }
    #expect(throws: ValueError.self) { try ValueCodec.encode("hex:abc", size: 4, type: nil, btf: nil) }
    #expect(throws: ValueError.self) { try ValueCodec.encode("banana", size: 4, type: nil, btf: nil) }
    #expect(throws: ValueError.self) { try ValueCodec.encode("text:toolong", size: 4, type: nil, btf: nil) }
    #expect(throws: ValueError.self) { try ValueCodec.encode("{1,2", size: 4, type: nil, btf: nil) }
    #expect(throws: ValueError.self) {
      try ValueCodec.encode(
        String(repeating: "{", count: 40) + "1" + String(repeating: "}", count: 40), size: 4, type: nil, btf: nil)
    }
  }

  @Test func hexIsBpftoolsLayout() {
    let bytes = [UInt8](0..<18)
    #expect(ValueCodec.hex(bytes) == "00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f\n10 11")
    #expect(ValueCodec.hex([]) == "")
  }
}

/// bpftool's pretty JSON writer, reproduced.
@Suite struct JSONValueTests {
  @Test func arraysOfObjectsAreGluedAndScalarsStayOnOneLine() {
    let v = JSONValue.array([
      .object([("id", .unsigned(3)), ("map_ids", .array([.unsigned(2), .unsigned(4)]))]),
      .object([("name", .string("a\"b\n"))]),
    ])
    #expect(
      v.text == """
        [{
                "id": 3,
                "map_ids": [2,4
                ]
            },{
                "name": "a\\"b\\n"
            }
        ]

        """)
  }

  @Test func emptyContainers() {
    #expect(JSONValue.array([]).text == "[]\n")
    #expect(JSONValue.object([]).text == "{}\n")
  }
}

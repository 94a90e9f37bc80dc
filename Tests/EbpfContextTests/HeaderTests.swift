import EBPFRuntime
import EbpfContext
import Foundation
import Testing

/// ntsh's program-side headers, checked by compiling C against them with clang.
@Suite(.enabled(if: TestSupport.clang != nil, "needs clang with the BPF target"))
struct HeaderTests {
  /// The seed's TraceConnections program: from the second `#include <bpf_helpers.h>` (the "full
  /// code" listing) through the LICENSE line.
  static func seedProgram() throws -> String? {
    guard let folder = TestSupport.seedDirectory,
      let name = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first(where: {
        $0.hasPrefix("000_") && $0.hasSuffix(".txt")
      })
    else { return nil }
    let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    let include = "#include <bpf_helpers.h>"
    guard let first = text.range(of: include),
      let second = text.range(of: include, range: first.upperBound..<text.endIndex),
      let license = text.range(of: "char LICENSE[]", range: second.upperBound..<text.endIndex),
      let end = text[license.upperBound...].firstIndex(of: "\n")
    else { return nil }
    return String(text[second.lowerBound...end])
  }

  @Test(.enabled(if: TestSupport.seedDirectory != nil, "needs the seed documents"))
  func theSeedsTraceConnectionsCompilesUnchanged() throws {
    let source = try #require(try Self.seedProgram(), "the seed's full-code listing was not found")
    #expect(source.contains("bind_action_t TraceConnections(bind_md_t* ctx)"))
    let (outcome, object) = try TestSupport.compile(source, name: "TraceConnections")
    let diagnostics = String(decoding: outcome.output, as: UTF8.self)
    #expect(outcome.exitStatus == 0, "\(diagnostics)")
    #expect(diagnostics.isEmpty, "the seed builds with -Werror, so warnings matter: \(diagnostics)")
    let elf = try #require(ELFSections(path: object))
    #expect(elf.section("bind")?.isCode == true)
    #expect(elf.section(".maps")?.bytes.count == 32)  // four BTF map fields, one pointer each
    #expect(elf.section("license") != nil && elf.section(".ebpf_for_windows") != nil)
    // Lookup, the memcpy rewritten to bpf_memcpy_s, update.
    #expect(Set(elf.helperCalls(in: "bind")) == [1, 2, 22])
  }

  /// Generated assertions: every layout and number the runtime's tables hold must be what the
  /// headers declare, so the two cannot drift apart.
  static func layoutProbe() -> String {
    var lines = [
      "#include <bpf_helpers.h>", "#include <ebpf_nethooks.h>", "#include <sample_ext_helpers.h>",
      "#define CHECK(condition) _Static_assert(condition, #condition)",
    ]
    for type in ProgramType.all {
      let context = type.context
      lines.append("CHECK(sizeof(\(context.typeName)) == \(context.size));")
      for field in context.fields {
        lines.append("CHECK(__builtin_offsetof(\(context.typeName), \(field.name)) == \(field.offset));")
        lines.append("CHECK(sizeof(((\(context.typeName)*)0)->\(field.name)) == \(field.size));")
      }
      lines.append("CHECK(\(type.constantName) == \(type.number));")
      for verdict in type.verdict?.cases ?? [] { lines.append("CHECK(\(verdict.name) == \(verdict.value));") }
      for attach in type.attachTypes { lines.append("CHECK(\(attach.constantName) == \(attach.number));") }
    }
    for table in [ProgramType.bindOperation, ProgramType.sockOpType] {
      for item in table.cases { lines.append("CHECK(\(item.name) == \(item.value));") }
    }
    for map in MapType.allCases {
      lines.append("CHECK(BPF_MAP_TYPE_\(map.displayName.uppercased()) == \(map.rawValue));")
    }
    for helper in HelperTable.global {
      lines.append("CHECK(BPF_FUNC_\(helper.name.dropFirst(4)) == \(helper.id));")
    }
    for flag in MapUpdateFlags.allCases { lines.append("CHECK(\(flag.name) == \(flag.rawValue));") }
    lines += [
      "CHECK(sizeof(struct bpf_map_def) == 32);",
      "CHECK(__builtin_offsetof(struct bpf_map_def, inner_map_idx) == 16);",
      "CHECK(__builtin_offsetof(struct bpf_map_def, inner_id) == 28);",
      "CHECK(sizeof(bpf_sock_addr_network_context_t) == 32);",
      "CHECK(__builtin_offsetof(bpf_sock_addr_network_context_t, sub_interface_index) == 24);",
      "CHECK(BIND_PERMIT == BIND_PERMIT_SOFT);",
      "CHECK(EBPF_MAX_GENERAL_HELPER_FUNCTION == \(HelperTable.maximumGlobalHelperID));",
      "SEC(\"bind\") int probe(bind_md_t* ctx) { return BIND_PERMIT; }",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func layoutsAndNumbersMatchTheRuntimeTables() throws {
    let (outcome, _) = try TestSupport.compile(Self.layoutProbe(), name: "layout")
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
  }

  @Test func theBindContextLayoutIsTheReferenceOne() throws {
    let probe = """
      #include <bpf_helpers.h>
      #include <ebpf_nethooks.h>
      _Static_assert(sizeof(bind_md_t) == 56, "size");
      _Static_assert(__builtin_offsetof(bind_md_t, app_id_start) == 0, "app_id_start");
      _Static_assert(__builtin_offsetof(bind_md_t, app_id_end) == 8, "app_id_end");
      _Static_assert(__builtin_offsetof(bind_md_t, process_id) == 16, "process_id");
      _Static_assert(__builtin_offsetof(bind_md_t, socket_address) == 24, "socket_address");
      _Static_assert(__builtin_offsetof(bind_md_t, socket_address_length) == 40, "length");
      _Static_assert(__builtin_offsetof(bind_md_t, operation) == 44, "operation");
      _Static_assert(__builtin_offsetof(bind_md_t, protocol) == 48, "protocol");
      _Static_assert(sizeof(bind_operation_t) == 4, "enum size");
      SEC("bind") int probe(bind_md_t* ctx) { return ctx->protocol; }

      """
    let (outcome, _) = try TestSupport.compile(probe, name: "bind_layout")
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
  }

  @Test func everyHelperCallsItsId() throws {
    // One call per helper; clang emits `call <id>` for each, in source order.
    var helpers = HelperTable.global.map { ($0.name, $0.arguments.count, Int64($0.id)) }
    for type in ProgramType.all {
      helpers += type.specificHelpers.map { ($0.name, $0.arguments.count, Int64($0.id)) }
    }
    var body = ""
    for (i, (name, arity, _)) in helpers.enumerated() {
      let arguments = (0..<arity).map { _ in "(void*)0" }.joined(separator: ", ")
      body += "    sink[\(i % 4)] = (long)\(name)(\(arguments));\n"
    }
    let source = """
      #include <bpf_helpers.h>
      #include <ebpf_nethooks.h>
      #include <sample_ext_helpers.h>
      #pragma clang diagnostic ignored "-Wint-conversion"
      volatile long sink[4];
      SEC("bind") int every_helper(bind_md_t* ctx) {
      \(body)    return 0;
      }

      """
    let (outcome, object) = try TestSupport.compile(source, name: "helpers")
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
    let elf = try #require(ELFSections(path: object))
    #expect(elf.helperCalls(in: "bind") == helpers.map(\.2))
  }

  @Test func printkPicksTheHelperByArgumentCount() throws {
    let source = """
      #include <bpf_helpers.h>
      SEC("bind") int print(bind_md_t* ctx) {
          bpf_printk("none");
          bpf_printk("one %u", 1);
          bpf_printk("two %u %u", 1, 2);
          bpf_printk("three %u %u %u", 1, 2, 3);
          return 0;
      }

      """
    let (outcome, object) = try TestSupport.compile(source, name: "printk")
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
    #expect(ELFSections(path: object)?.helperCalls(in: "bind") == [12, 13, 14, 15])
    let tooMany = "#include <bpf_helpers.h>\nint f(void) { return bpf_printk(\"%u%u%u%u\", 1, 2, 3, 4); }\n"
    #expect(try TestSupport.compile(tooMany, name: "too_many").outcome.exitStatus == 1)
  }

  @Test func memoryFunctionsBecomeSafeHelpersWithRunTimeLengths() throws {
    let source = """
      #include <bpf_helpers.h>
      SEC("bind") int copy(bind_md_t* ctx) {
          uint8_t buffer[16];
          uint64_t n = ctx->socket_address_length & 15;
          memset(buffer, 0, n);
          memcpy(buffer, ctx->socket_address, n);
          memmove(buffer, buffer + 1, n / 2);
          return memcmp(buffer, ctx->socket_address, n);
      }

      """
    let (outcome, object) = try TestSupport.compile(source, name: "memory")
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
    #expect(ELFSections(path: object)?.helperCalls(in: "bind") == [24, 22, 25, 23])
  }

  @Test func legacyMapsUseTheWindowsLayout() throws {
    let source = """
      #include <bpf_helpers.h>
      struct bpf_map_def SEC("maps") outer = {.type = BPF_MAP_TYPE_ARRAY_OF_MAPS, .key_size = 4,
          .value_size = 4, .max_entries = 2, .inner_map_idx = 1, .pinning = LIBBPF_PIN_BY_NAME, .id = 7, .inner_id = 9};
      SEC("bind") int use(bind_md_t* ctx) { return bpf_map_lookup_elem(&outer, &ctx->protocol) != 0; }

      """
    let (outcome, object) = try TestSupport.compile(source, name: "legacy")
    #expect(outcome.exitStatus == 0, "\(outcome.text)")
    let maps = try #require(ELFSections(path: object)?.section("maps")?.bytes)
    let words = stride(from: 0, to: maps.count, by: 4).map {
      UInt32(maps[$0]) | UInt32(maps[$0 + 1]) << 8 | UInt32(maps[$0 + 2]) << 16 | UInt32(maps[$0 + 3]) << 24
    }
    #expect(words == [7, 4, 4, 2, 1, 1, 7, 9])
  }
}

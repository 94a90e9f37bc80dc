import BPF
import EBPFRuntime

/// PREVAIL's listing of a program, as `netsh ebpf show disassembly` prints it: the source line
/// comments from BTF line info (`; file:line`, `; source`), then each instruction as an 8-wide pc,
/// a colon, a TAB and its text. Map references read `map_fd N` (the file's maps numbered from 1,
/// as the verifier's mock descriptors are: `ProgramVerification.pseudoForms`, which the verifier's
/// reports use too), helper calls name their prototype:
/// `r0 = bpf_map_update_elem:2(map_fd r1, map_key r2, map_value r3, uint64_t r4)`.
enum Listing {
  /// The program linked with its subprograms, relocations turned into the pseudo forms.
  static func decode(_ program: BPFProgram, in object: BPFObject) throws -> (linked: BPFProgram, code: DecodedProgram) {
    let linked = try object.link(program)
    let slots = ProgramVerification.pseudoForms(linked, in: object).instructions
    return (linked, try DecodedProgram(slots: slots))
  }

  /// One instruction of the listing with its source position (bpftool's JSON `prog dump`).
  struct Record {
    let pc: Int
    let text: String
    let line: LineInfo?

    var json: JSONValue {
      var members: [(String, JSONValue)] = [("pc", .unsigned(UInt64(pc))), ("disasm", .string(text))]
      if let line {
        members += [
          ("src", .string(line.source)), ("file", .string(line.fileName)), ("line_num", .unsigned(UInt64(line.line))),
          ("line_col", .unsigned(UInt64(line.column))),
        ]
      }
      return .object(members)
    }
  }

  /// Every instruction with its text and the source line it belongs to.
  static func records(_ program: BPFProgram, in object: BPFObject, type: ProgramType?) throws -> [Record] {
    let (linked, code) = try decode(program, in: object)
    let syntax = KernelSyntax { id in helperText(id, type: type) }
    return code.instructions.map { pc, insn in
      Record(pc: pc, text: syntax.text(insn, at: pc), line: linked.line(at: pc))
    }
  }

  /// The listing's lines (without the final empty line).
  static func lines(_ program: BPFProgram, in object: BPFObject, type: ProgramType?) throws -> [String] {
    let (linked, code) = try decode(program, in: object)
    let syntax = KernelSyntax { id in helperText(id, type: type) }
    var out: [String] = []
    var lastLine: (String, UInt32)?
    var lineIndex = 0
    for (pc, insn) in code.instructions {
      while lineIndex < linked.lineInfo.count, linked.lineInfo[lineIndex].instruction < pc { lineIndex += 1 }
      if lineIndex < linked.lineInfo.count, linked.lineInfo[lineIndex].instruction == pc {
        let info = linked.lineInfo[lineIndex]
        if lastLine.map({ $0 != (info.fileName, info.line) }) ?? true {
          out.append("; \(info.fileName):\(info.line)")
          out.append("; \(info.source)")
          lastLine = (info.fileName, info.line)
        }
      }
      out.append(String(pc).right(8) + ":\t" + syntax.text(insn, at: pc))
    }
    return out
  }

  /// PREVAIL's rendering of a helper call from its prototype (the verifier's reports print the
  /// same: `HelperSignature.listing`); nil leaves `call N`.
  static func helperText(_ id: Int32, type: ProgramType?) -> String? {
    let unsigned = UInt32(bitPattern: id)
    guard let p = type.flatMap({ HelperTable.prototype(unsigned, for: $0) }) ?? HelperTable.globalPrototype(unsigned)
    else {
      return nil
    }
    return HelperSignature(p).listing
  }
}

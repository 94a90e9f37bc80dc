import BPF
import EBPFRuntime
import Shell

#if canImport(Glibc)
  import Glibc
#endif

/// netsh's commands about files (libs/ebpfnetsh/elf.cpp, netsh_hash.cpp): `show sections`,
/// `show verification`, `show disassembly`, `show hash`; and `convert`, ntsh's counterpart of
/// Convert-BpfToNative.
enum FileCommands {
  static func all(_ world: EbpfWorld) -> [CommandSpec] {
    [sections(), verification(), disassembly(), hash(), convert()]
  }

  /// The object inside a file (an ELF object, or the one a native image holds), or netsh's error.
  static func object(_ call: CommandCall, tag: String = "filename") throws -> (BPFObject, [UInt8]) {
    let name = call.args[tag] ?? ""
    guard case .success(let bytes) = EbpfWorld.read(name, session: call.session) else {
      call.out.errorLine("error: No such file or directory opening \(name)")
      throw ShellError.alreadyReported
    }
    var elf = bytes
    if NativeImage.isImage(bytes) {
      do throws(LoadFailure) {
        elf = try NativeImage(bytes: bytes).object
      } catch {
        call.out.errorLine("error: ELF file \(name) is malformed: \(error.details.joined(separator: "; "))")
        throw ShellError.alreadyReported
      }
    }
    do {
      return (try BPFObject.load(bytes: elf), bytes)
    } catch {
      call.out.errorLine("error: ELF file \(name) is malformed: \(error.message)")
      throw ShellError.alreadyReported
    }
  }

  static func sectionNames(_ session: Session, _ file: String?) -> [String] {
    guard let file, case .success(let bytes) = EbpfWorld.read(file, session: session) else { return [] }
    let elf = NativeImage.isImage(bytes) ? ((try? NativeImage(bytes: bytes))?.object ?? []) : bytes
    return (try? BPFObject.load(bytes: elf))?.programs.map(\.sectionName) ?? []
  }

  /// Completion of `section=`: the program sections of the objects in the session's folder (the
  /// completer does not see which file the line names).
  static func sectionsNearby(_ session: Session) -> [String] {
    var names: Set<String> = []
    for file in directoryEntries(session.baseDirectory) where file.hasSuffix(".o") || file.hasSuffix(".sys") {
      names.formUnion(sectionNames(session, file))
    }
    return names.sorted()
  }

  /// The file names of a folder (at most 200, for completion).
  static func directoryEntries(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while names.count < 200, let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if !name.hasPrefix(".") { names.append(name) }
    }
    return names
  }

  // MARK: show sections

  static func sections() -> CommandSpec {
    CommandSpec(
      ["show", "sections"], "Shows sections of an eBPF file.",
      tags: [
        TagSpec("filename", .file, .required, help: "The ELF object or native image."),
        TagSpec(
          "section", .text(placeholder: "section"),
          help: "Only this section; shows it verbosely unless level= says otherwise.", complete: sectionsNearby),
        TagSpec("level", .choice(["normal", "verbose"]), help: "normal (a table) or verbose (a record per program)."),
        Netsh.format,
      ],
      examples: ["show sections TraceConnections.o", "show sections tail_calls.o section=bind/0"]
    ) { call in
      let (object, bytes) = try object(call)
      var programs = object.programs
      if let s = call.args["section"] { programs = programs.filter { $0.sectionName == s } }
      let maps: [MapDefinition]
      do {
        maps = try EbpfCore.mapDefinitions(in: object)
      } catch {
        call.out.errorLine("Couldn't get maps from \(call.args["filename"] ?? "")")
        throw ShellError.alreadyReported
      }
      if EbpfWorld.wantsJSON(call) {
        call.out.write(
          JSONValue.object([
            (
              "programs",
              .array(
                programs.map {
                  .object([
                    ("section", .string($0.sectionName)), ("name", .string($0.name)),
                    ("type", .string(SectionResolver.programTypeName(forSection: $0.sectionName))),
                    ("bytes", .unsigned(UInt64($0.instructions.count * 8))),
                    ("insn_cnt", .unsigned(UInt64($0.instructions.count))),
                  ])
                })
            ),
            (
              "maps",
              .array(
                maps.map {
                  .object([
                    ("type", .string($0.type.displayName)), ("bytes_key", .unsigned(UInt64($0.keySize))),
                    ("bytes_value", .unsigned(UInt64($0.valueSize))), ("max_entries", .unsigned(UInt64($0.maxEntries))),
                    ("name", .string($0.name)),
                  ])
                })
            ),
          ]).text)
        return
      }
      let verbose = call.args["level"].map { $0 == "verbose" } ?? call.args.has("section")
      if verbose {
        for p in programs {
          func field(_ label: String, _ value: String) { call.out.line(label.left(13) + ": " + value) }
          call.out.line()
          field("Section", p.sectionName)
          field("Program", p.name)
          field("Program Type", SectionResolver.programTypeName(forSection: p.sectionName))
          field("Size", "\(p.instructions.count * 8) bytes")
          // netsh adds the verifier's statistics for ELF objects only.
          guard !NativeImage.isImage(bytes), let type = SectionResolver.programType(forSection: p.sectionName),
            let verification = try? ProgramVerification(object: object, program: p, type: type)
          else { continue }
          let statistics = verification.verify().statistics
          // netsh prints the raw instruction count here (an LDDW counts twice), the verifier's own below.
          field("Instructions", String(p.instructions.count))
          for key in VerifierStatistics.keys { field(key, String(statistics[key])) }
        }
      } else {
        call.out.line()
        call.out.line("                                                                     Size")
        call.out.line("                       Section                   Program       Type  (bytes)")
        call.out.line("==============================  ========================  =========  =======")
        for p in programs {
          call.out.line(
            p.sectionName.right(30) + "  " + p.name.right(24) + "  "
              + SectionResolver.programTypeName(forSection: p.sectionName).right(9) + "  "
              + String(p.instructions.count * 8).right(7))
        }
      }
      call.out.line()
      call.out.line("                     Key  Value      Max")
      call.out.line("          Map Type  Size   Size  Entries  Name")
      call.out.line("==================  ====  =====  =======  ========")
      for m in maps {
        call.out.line(
          m.type.displayName.right(18) + String(m.keySize).right(6) + String(m.valueSize).right(7)
            + String(m.maxEntries).right(9)
            + "  " + m.name)
      }
    }
  }

  // MARK: show verification

  static func verification() -> CommandSpec {
    CommandSpec(
      ["show", "verification"], "Shows results of trying to verify an eBPF program.",
      tags: [
        TagSpec("filename", .file, .required, help: "The ELF object or native image."),
        TagSpec(
          "section", .text(placeholder: "section"), help: "Only programs of this section.", complete: sectionsNearby),
        TagSpec("program", .text(placeholder: "name"), help: "Only this program."),
        TagSpec(
          "type", .text(placeholder: "type"),
          help: "The program type to check against (a section name); by default each section decides."),
        TagSpec("level", .choice(["normal", "informational", "verbose"]), help: "How much of the analysis to print."),
        Netsh.format,
      ],
      remarks: [
        "Runs the verifier on every program of the file (or those section= and program= choose) as a program of "
          + "type= or of its section's type, with the file's maps. Success prints the loop bound; failure prints the "
          + "report to standard error: each error as `<pc>: <message>` in PREVAIL's words, under the source line "
          + "it comes from. level=informational adds the notes (unreachable code, division by zero) and each "
          + "error's failure slice; level=verbose adds the abstract state before and after every instruction."
      ],
      examples: [
        "show verification TraceConnections.o", "show verification bind_policy.o level=verbose",
        "show verification filename=tail_calls.o section=bind/0",
      ]
    ) { call in
      let (object, _) = try object(call)
      var programs = object.programs
      if let s = call.args["section"] {
        programs = programs.filter { $0.sectionName == s }
        guard !programs.isEmpty else {
          call.out.errorLine("error: Section not found")
          throw ShellError.alreadyReported
        }
      }
      if let name = call.args["program"] {
        programs = programs.filter { $0.name == name }
        guard !programs.isEmpty else {
          call.out.errorLine("error: No such program \(name)")
          throw ShellError.alreadyReported
        }
      }
      guard !programs.isEmpty else {
        call.out.line()
        call.out.line("No section(s) found")
        return
      }
      var forced: ProgramType?
      if let t = call.args["type"] {
        guard let resolved = SectionResolver.programType(forSection: t) else { throw Netsh.invalidParameter }
        forced = resolved
      }
      let level = call.args["level"].flatMap(VerificationLevel.init(rawValue:)) ?? .normal
      let json = EbpfWorld.wantsJSON(call)
      var failed = false
      var records: [JSONValue] = []
      for p in programs {
        guard let type = forced ?? SectionResolver.programType(forSection: p.sectionName) else {
          call.out.errorLine("error: Section \(p.sectionName) names no known program type (give type=)")
          failed = true
          continue
        }
        let verification: ProgramVerification
        do throws(ProgramVerification.PreparationError) {
          verification = try ProgramVerification(object: object, program: p, type: type)
        } catch {
          call.out.errorLine("error: \(p.name): \(error.message)")
          failed = true
          continue
        }
        let result = verification.verify(options: VerifierOptions(level: level))
        let report = verification.report(result, level: level)
        failed = failed || report.isFailure
        if json {
          records.append(
            .object([
              ("section", .string(p.sectionName)), ("name", .string(p.name)), ("type", .string(type.name)),
              ("verified", .bool(result.succeeded)), ("max_loop_count", .unsigned(result.maxLoopCount)),
              ("errors", .array(result.errors.map { .object([("pc", .unsigned(UInt64($0.pc))), ("message", .string($0.text))]) })),
              ("insn_cnt", .unsigned(UInt64(p.instructions.count))),
            ]))
        } else if report.isFailure {
          for line in report.text.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            call.out.errorLine(String(line))
          }
        } else {
          call.out.write(report.text)
        }
      }
      if json { call.out.write(JSONValue.array(records).text) }
      if failed { throw ShellError.alreadyReported }
    }
  }

  // MARK: show disassembly

  static func disassembly() -> CommandSpec {
    CommandSpec(
      ["show", "disassembly"], "Shows disassembly of an eBPF program.",
      tags: [
        TagSpec("filename", .file, .required, help: "The ELF object or native image."),
        TagSpec(
          "section", .text(placeholder: "section"), help: "The program's section; by default the first program's.",
          complete: sectionsNearby),
        TagSpec("program", .text(placeholder: "name"), help: "The program, by function name."),
        Netsh.format,
      ],
      remarks: [
        "Prints the verifier's listing: the source line of each instruction group (from the object's BTF line info, "
          + "so compile with -g), then the instructions."
      ],
      examples: ["show disassembly TraceConnections.o", "show disassembly bpf2bpf.o section=bind"]
    ) { call in
      let (object, _) = try object(call)
      var programs = object.programs
      if let s = call.args["section"] { programs = programs.filter { $0.sectionName == s } }
      if let name = call.args["program"] { programs = programs.filter { $0.name == name } }
      guard let p = programs.first else {
        call.out.errorLine(
          call.args.has("program") ? "error: No such program \(call.args["program"] ?? "")" : "error: Section not found"
        )
        throw ShellError.alreadyReported
      }
      do {
        let type = SectionResolver.programType(forSection: p.sectionName)
        if EbpfWorld.wantsJSON(call) {
          call.out.write(JSONValue.array(try Listing.records(p, in: object, type: type).map(\.json)).text)
          return
        }
        for line in try Listing.lines(p, in: object, type: type) {
          call.out.line(line)
        }
      } catch {
        call.out.errorLine("error: ELF file \(call.args["filename"] ?? "") is malformed: \(error)")
        throw ShellError.alreadyReported
      }
      call.out.line()
    }
  }

  // MARK: show hash

  static func hash() -> CommandSpec {
    CommandSpec(
      ["show", "hash"], "Shows hash embedded in PE file.",
      tags: [
        TagSpec("filename", .file, .required, help: "The native image (or an object with a hash section)."),
        TagSpec("hashonly", .text(placeholder: "any"), help: "Print only the hash, as 64 hex digits."),
        Netsh.format,
      ],
      examples: ["show hash TraceConnections.sys", "show hash TraceConnections.sys hashonly=yes"]
    ) { call in
      let name = call.args["filename"] ?? ""
      guard case .success(let bytes) = EbpfWorld.read(name, session: call.session) else {
        call.out.line("Error: No such file or directory opening \(name)")
        throw ShellError.alreadyReported
      }
      var digest: [UInt8]
      if NativeImage.isImage(bytes) {
        do throws(LoadFailure) {
          digest = try NativeImage(bytes: bytes).hash
        } catch {
          call.out.line("Error: Reading hash from \(name) failed: \(error.details.joined(separator: "; "))")
          throw ShellError.alreadyReported
        }
      } else if let object = try? BPFObject.load(bytes: bytes), let section = object.elf.section(named: "hash") {
        digest = object.elf.contents(of: section)
      } else {
        call.out.line("Error: No hash section found in \(name)")
        throw ShellError.alreadyReported
      }
      guard !digest.isEmpty else {
        call.out.line("Error: Hash section is empty in \(name)")
        throw ShellError.alreadyReported
      }
      if digest.count > 32 {
        call.out.errorLine("Warning: the hash section has \(digest.count) bytes; showing the first 32.")
        digest = Array(digest.prefix(32))
      }
      let digits = Array("0123456789abcdef")
      let hexBytes = digest.map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }
      if EbpfWorld.wantsJSON(call) {
        call.out.write(
          JSONValue.object([
            ("file", .string(name)), ("size", .unsigned(UInt64(digest.count))), ("hash", .string(hexBytes.joined())),
          ])
          .text)
        return
      }
      if call.args.has("hashonly") {
        call.out.line(hexBytes.joined().uppercased())
        return
      }
      call.out.line("Hash for \(name):")
      call.out.line("Size: \(digest.count) bytes")
      for start in stride(from: 0, to: hexBytes.count, by: 16) {
        let row = hexBytes[start..<min(start + 16, hexBytes.count)].joined(separator: " ")
        call.out.line((start == 0 ? "Data: " : "      ") + row)
      }
    }
  }

  // MARK: convert

  static func convert() -> CommandSpec {
    CommandSpec(
      ["convert"], "Converts an eBPF object to a native image (ntsh's Convert-BpfToNative).",
      tags: [
        TagSpec("filename", .file, .required, help: "The ELF object (.o)."),
        TagSpec("output", .file, help: "The image to write; by default the object's name with .sys."),
      ],
      remarks: [
        "Loads the object in a scratch runtime, which verifies every program, then writes ntsh's native image: the "
          + "object, its SHA-256 (what `show hash` prints) and the mark that the verifier proved it. Like bpf2c, it "
          + "refuses an object the verifier rejects and prints the report. `add program X.sys` loads the image "
          + "(verifying it again: an image is a file anyone can write) and `show programs` shows it as NATIVE."
      ],
      examples: ["convert TraceConnections.o", "convert filename=bind.o output=bind_native.sys"]
    ) { call in
      let name = call.args["filename"] ?? ""
      let bytes: [UInt8]
      switch EbpfWorld.read(name, session: call.session) {
      case .success(let b): bytes = b
      case .failure(let f):
        throw ShellError.failed("The file \(name) could not be opened: \(f.description).")
      }
      guard !NativeImage.isImage(bytes) else { throw ShellError.failed("\(name) is already a native image.") }
      let scratch = EbpfCore()
      do throws(LoadFailure) {
        _ = try scratch.load(bytes: bytes, options: LoadOptions(fileName: name))
      } catch {
        call.out.errorLine(error.headline)
        for line in error.details { call.out.errorLine(line) }
        call.out.errorLine("\(name) was not converted.")
        throw ShellError.alreadyReported
      }
      let output = call.args["output"] ?? defaultOutput(name)
      if let problem = EbpfWorld.write(
        NativeImage(object: bytes, verified: true).bytes, to: call.session.resolvePath(output))
      {
        throw ShellError.failed("\(output) could not be written: \(problem).")
      }
      call.out.line("Converted \(name) to \(output) (verified).")
    }
  }

  static func defaultOutput(_ name: String) -> String {
    let slash = name.lastIndex(of: "/").map { name.index(after: $0) } ?? name.startIndex
    if let dot = name[slash...].lastIndex(of: ".") { return String(name[..<dot]) + ".sys" }
    return name + ".sys"
  }
}

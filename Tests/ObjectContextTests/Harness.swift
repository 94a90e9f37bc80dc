import Foundation
import Kernel
import ObjectContext
import Shell

/// A shell with the root's machine commands and the object context, as NtshKit assembles them.
struct Harness {
  let shell: Shell
  let out: Output
  let world: ObjectWorld

  init(baseDirectory: String = "/") {
    out = Output.capturing()
    world = ObjectWorld(machine: Machine())
    let root = ContextSpec(
      name: "ntsh", commands: ObjectContext.rootCommands(world: world), subcontexts: [ObjectContext.spec(world: world)])
    shell = Shell(root: root, output: out, baseDirectory: baseDirectory)
    shell.session.afterCommand.append(ObjectContext.afterCommand(world: world))
  }

  /// Runs lines as a script; returns whether all succeeded and everything printed.
  func script(_ lines: [String], name: String = "script") -> (ok: Bool, output: String) {
    let ok = ScriptRunner(shell: shell).run(lines: lines, name: name)
    return (ok, out.takeCaptured())
  }

  /// Runs one line; returns what it printed.
  @discardableResult
  func run(_ line: String) -> String {
    shell.execute(line)
    return out.takeCaptured()
  }

  /// The scripts (`*.txt`) of `Fixtures/bad/<folder>`, so a test can check each one is a case.
  static func badScripts(_ folder: String) throws -> Set<String> {
    let files = try FileManager.default.contentsOfDirectory(atPath: fixtures + "/bad/" + folder)
    return Set(files.filter { $0.hasSuffix(".txt") })
  }

  /// The repository's Fixtures folder, found from this file.
  static var fixtures: String {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/") + "/Fixtures"
  }
}

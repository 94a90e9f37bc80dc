import EbpfContext
import KdContext
import Kernel
import ObjectContext
import Shell
import WinstaContext

/// Assembles ntsh: the root context, the four contexts and the world they share.
///
/// The executable and the tests both build shells here, so a transcript replayed by `swift test`
/// runs exactly what a user's `ntsh` runs.
public enum Ntsh {
  /// The version `--version` prints.
  public static let version = "0.1.0"

  /// The root context's name; its prompt is `ntsh>`.
  public static let rootName = "ntsh"

  /// A fresh shell over a fresh world.
  public static func makeShell(output: Output, options: Session.Options = .init(), baseDirectory: String) -> Shell {
    // The simulated machine boots lazily, on the first command that uses it.
    let objects = ObjectWorld(machine: Machine(configuration: BootConfiguration(seed: options.seed)))
    let root = ContextSpec(
      name: rootName, commands: ObjectContext.rootCommands(world: objects),
      subcontexts: [EbpfContext.spec(), ObjectContext.spec(world: objects), WinstaContext.spec(), KdContext.spec()])
    let shell = Shell(root: root, output: output, options: options, baseDirectory: baseDirectory)
    shell.session.afterCommand.append(ObjectContext.afterCommand(world: objects))
    return shell
  }

  /// The absolute folder of ntsh's program-side eBPF headers (what `ntsh --include-dir` prints).
  public static func ebpfIncludeDirectory() throws -> String {
    try IncludeDirectory.locate()
  }

  /// The transcript runner used by `ntsh check` and the acceptance tests.
  public static func transcriptRunner(options: Session.Options = .init()) -> TranscriptRunner {
    TranscriptRunner { output, base in makeShell(output: output, options: options, baseDirectory: base) }
  }
}

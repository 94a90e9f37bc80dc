import EBPFRuntime
import Kernel
import Shell

/// The `ebpf` context: eBPF for Windows' netsh helper over the simulated runtime, plus what eBPF
/// Studio and bpftool add (map contents, test runs, instruction traces, the printk buffer) and the
/// build steps of the seed's walk-through (`compile`, `convert`).
public enum EbpfContext {
  /// The context, over eBPF installed on `machine`.
  public static func spec(machine: Machine) -> ContextSpec {
    let world = EbpfWorld(machine: machine)
    return ContextSpec(
      name: "ebpf",
      commands: [CompileCommand.spec] + ProgramCommands.all(world) + ShowObjectCommands.all(world)
        + FileCommands.all(world)
        + MapEntryCommands.all(world) + RunCommands.all(world) + FireCommands.all(world),
      groups: [
        GroupSpec("add", "Loads a program or pushes a map value."),
        GroupSpec("delete", "Deletes a program or a map entry."),
        GroupSpec("set", "Updates a program or a map entry."),
        GroupSpec("pin", "Pins a map or a program."),
        GroupSpec("unpin", "Unpins a map or a program."),
        GroupSpec("show", "Shows programs, maps, links, pins, files and map contents."),
        GroupSpec("test", "Runs a program once or many times on a context."),
        GroupSpec("trace", "Runs a program once, instruction by instruction."),
        GroupSpec("fire", "Raises a hook event by hand, as a process would."),
      ],
      dump: { _ in dump(world) })
  }

  /// Lines that recreate the open loads (their files) and their first program's pin.
  static func dump(_ world: EbpfWorld) -> [String] {
    guard let core = world.host.existingCore, !core.loadedObjects.isEmpty else { return [] }
    var lines: [String] = []
    for object in core.loadedObjects {
      guard let first = object.programIDs.first.flatMap({ core.programs[$0] }) else { continue }
      var line = "add program filename=\"\(object.fileName)\""
      if let pin = first.pinPaths.first {
        line += " pinpath=\"\(pin)\""
      } else {
        line += " pinned=none"
      }
      lines.append(line)
      if first.linkIDs.isEmpty { lines.append("# \(first.name) was detached after loading") }
    }
    return lines
  }
}

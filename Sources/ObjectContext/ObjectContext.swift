import Kernel
import NTAPI
import NTCore
import Shell

/// The `object` context: the object manager as the seed's tools show it — WinObj's directories,
/// Object Explorer's types, Process Explorer's handles, `!object` views — and the Win32, native
/// and kernel-mode calls that create, open, wait on and destroy objects. Commands act through
/// NTAPI as the acting process (ntsh.exe, elevated, in session 1, unless `set process` says
/// otherwise); kernel-mode operations go through the test driver ObjTest.sys; DataStacks through
/// DataStack.dll and the seed's driver KObjects.sys.
public enum ObjectContext {
  /// The context.
  public static func spec(world: ObjectWorld) -> ContextSpec {
    ContextSpec(
      name: "object",
      summary: "Changes to the `ntsh object' context.",
      commands: showCommands(world) + createCommands(world) + handleCommands(world) + kernelCommands(world)
        + dataStackCommands(world),
      groups: [
        GroupSpec("show", "Displays objects, types, handles, processes, pool usage and the clock."),
        GroupSpec("create", "Creates an object and opens a handle to it."),
        GroupSpec("open", "Opens a handle to an existing object."),
        GroupSpec("set", "Changes an object, a handle, the acting process or the clock."),
        GroupSpec("release", "Releases a mutex or a semaphore."),
        GroupSpec("terminate", "Terminates a process or a job."),
        GroupSpec("assign", "Assigns a process to a job."),
        GroupSpec("kernel", "Object-manager calls made in kernel mode by the test driver ObjTest.sys."),
        GroupSpec("push", "Pushes an item onto a DataStack."),
        GroupSpec("pop", "Pops the top item of a DataStack."),
        GroupSpec("clear", "Empties a DataStack."),
        GroupSpec("query", "Queries an object with every parameter of the native call."),
        GroupSpec("load", "Starts a driver service."),
        GroupSpec("unload", "Stops a driver service."),
      ],
      dump: { _ in dump(world) })
  }

  /// The root context's commands: `start`, `run`, `restart`, `error`.
  public static func rootCommands(world: ObjectWorld) -> [CommandSpec] { RootCommands.all(world) }

  /// The hook to run after every command: ready threads run at the current instant, and the
  /// output of background processes is printed before the next prompt.
  public static func afterCommand(world: ObjectWorld) -> (Session) -> Void {
    { session in
      guard world.machine.isBooted else { return }
      let k = world.machine.kernel
      if k.bugCheckInfo == nil { k.dispatcher.runReady() }
      world.drainConsole(session.output)
    }
  }

  /// A Win32 result or the failure with the last error and status.
  static func win32<T>(_ name: String, _ api: Win32, _ value: T?) throws -> T {
    guard let value else { throw ObjectFailure.win32(name, api.lastError, api.lastStatus) }
    return value
  }

  /// A BOOL result.
  static func win32(_ name: String, _ api: Win32, _ ok: Bool) throws {
    if !ok { throw ObjectFailure.win32(name, api.lastError, api.lastStatus) }
  }

  /// A native status: errors throw; success and information pass.
  static func native(_ name: String, _ status: NTStatus) throws {
    if !status.isSuccess { throw ObjectFailure.native(name, status) }
  }

  /// The local kernel debugger of the acting process (needs SeDebugPrivilege).
  static func debugger(_ api: Win32) throws -> LocalKernelDebugger {
    try win32("OpenLocalKernelDebugger", api, api.OpenLocalKernelDebugger())
  }
}

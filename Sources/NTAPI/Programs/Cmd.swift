import NTCore

/// `cmd.exe`: a small command interpreter. With `/c`, it runs the `&`-separated commands and
/// exits with the last one's code; without, it waits for input forever, as a console would.
///
/// Commands: `echo TEXT`, `ver`, `exit [CODE]`, `timeout /t SECONDS` (silent), `sleep MS`,
/// `waitfor [/t SECONDS] NAME` (waits on the named event `NAME`), `waitfor /si NAME` (sets it),
/// `start IMAGE [ARGS]`.
public enum Cmd: UserProgram {
  /// cmd.exe.
  public static let imageName = "cmd.exe"
  /// Listing text.
  public static let summary = "Runs /c commands: echo, ver, exit, timeout, sleep, waitfor, start."

  /// Runs the commands.
  public static func main(_ api: Win32, _ arguments: [String]) async throws -> UInt32 {
    guard let c = arguments.firstIndex(where: { $0.lowercased() == "/c" || $0.lowercased() == "/k" }) else {
      // An interactive console with nobody typing: wait forever.
      guard let input = api.CreateEvent(nil, false, false, nil) else { return api.GetLastError() }
      _ = try await api.WaitForSingleObject(input, Win32.INFINITE)
      return 0
    }
    var commands: [[String]] = [[]]
    for word in arguments[(c + 1)...] {
      if word == "&" || word == "&&" { commands.append([]) } else { commands[commands.count - 1].append(word) }
    }
    var code: UInt32 = 0
    for command in commands where !command.isEmpty {
      code = try await run(command, api)
    }
    return code
  }

  static func run(_ words: [String], _ api: Win32) async throws -> UInt32 {
    let verb = words[0].lowercased()
    let rest = Array(words.dropFirst())
    switch verb {
    case "echo":
      api.puts(rest.joined(separator: " "))
      return 0
    case "ver":
      api.puts("")
      api.puts("Microsoft Windows [Version 10.0.22631.4460]")
      return 0
    case "exit":
      return rest.first.flatMap { UInt32($0) } ?? 0
    case "sleep":
      guard let ms = rest.first.flatMap({ UInt32($0) }) else { return usage(api, "sleep MILLISECONDS") }
      try await api.Sleep(ms)
      return 0
    case "timeout":
      guard let i = rest.firstIndex(where: { $0.lowercased() == "/t" }), i + 1 < rest.count,
        let seconds = UInt32(rest[i + 1]), seconds <= 99_999
      else { return usage(api, "timeout /t SECONDS") }
      try await api.Sleep(seconds * 1000)
      return 0
    case "waitfor":
      return try await waitfor(rest, api)
    case "start":
      guard !rest.isEmpty else { return usage(api, "start IMAGE [ARGUMENTS]") }
      guard let pi = api.CreateProcess(rest.joined(separator: " ")) else {
        api.puts("The system cannot find the file \(rest[0]).")
        return api.GetLastError()
      }
      _ = api.CloseHandle(pi.thread)
      _ = api.CloseHandle(pi.process)
      return 0
    default:
      api.puts("'\(words[0])' is not recognized as an internal or external command,")
      api.puts("operable program or batch file.")
      return 1
    }
  }

  static func waitfor(_ args: [String], _ api: Win32) async throws -> UInt32 {
    var timeout = Win32.INFINITE
    var signal = false
    var name: String?
    var i = 0
    while i < args.count {
      switch args[i].lowercased() {
      case "/si": signal = true
      case "/t":
        guard i + 1 < args.count, let s = UInt32(args[i + 1]), s <= 99_999 else { return usage(api, "waitfor [/t SECONDS] NAME") }
        timeout = s * 1000
        i += 1
      default: name = args[i]
      }
      i += 1
    }
    guard let name else { return usage(api, "waitfor [/si] [/t SECONDS] NAME") }
    guard let event = api.CreateEvent(nil, false, false, "WaitFor_" + name) else {
      api.puts("ERROR: \(api.lastError)")
      return api.GetLastError()
    }
    defer { _ = api.CloseHandle(event) }
    if signal {
      _ = api.SetEvent(event)
      api.puts("SUCCESS: Signal sent.")
      return 0
    }
    switch try await api.WaitForSingleObject(event, timeout) {
    case Win32.WAIT_OBJECT_0:
      api.puts("SUCCESS: Signal received.")
      return 0
    case Win32.WAIT_TIMEOUT:
      api.puts("ERROR: Timed out waiting for '\(name)'.")
      return 1
    default:
      api.puts("ERROR: \(api.lastError)")
      return api.GetLastError()
    }
  }

  static func usage(_ api: Win32, _ syntax: String) -> UInt32 {
    api.puts("The syntax of the command is incorrect. Usage: \(syntax)")
    return 1
  }
}

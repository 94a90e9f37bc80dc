import NTCore
/// `curl.exe` (Windows ships it in System32): fetches URLs — in ntsh, makes their TCP connections
/// through ``Win32``'s sockets, so every run binds (implicitly, or to `--local-port`) and connects,
/// and the eBPF bind and connect hooks see it.
///
/// The simulated network is this machine alone and nothing in it speaks HTTP: a connection to a
/// local listener gets an empty reply, anything else fails to connect. Host names other than
/// `localhost` do not resolve (there is no DNS). Options: `--local-port N`, `-s`/`--silent`.
public enum Curl: UserProgram {
  /// curl.exe.
  public static let imageName = "curl.exe"
  /// Listing text.
  public static let summary = "Connects to URLs over the simulated network (binds, connects; no HTTP server answers)."

  /// Fetches each URL in turn; exits with the last failure's curl error code.
  public static func main(_ api: Win32, _ arguments: [String]) async throws -> UInt32 {
    var urls: [String] = []
    var localPort: UInt16?
    var silent = false
    var i = 0
    while i < arguments.count {
      let a = arguments[i]
      switch a {
      case "--local-port":
        guard i + 1 < arguments.count, let p = UInt16(arguments[i + 1]), p > 0 else {
          api.puts("curl: (2) --local-port: expected a port number")
          return 2
        }
        localPort = p
        i += 1
      case "-s", "--silent":
        silent = true
      default:
        guard !a.hasPrefix("-") else {
          api.puts("curl: option \(a): is unknown")
          api.puts("curl: try 'curl --help' for more information")
          return 2
        }
        urls.append(a)
      }
      i += 1
    }
    guard !urls.isEmpty else {
      api.puts("curl: no URL specified")
      api.puts("curl: try 'curl --help' for more information")
      return 2
    }
    var code: UInt32 = 0
    for url in urls {
      let (result, message) = fetch(url, api, localPort: localPort)
      if result != 0 {
        code = result
        if !silent { api.puts("curl: (\(result)) \(message)") }
      }
    }
    return code
  }

  /// Connects to one URL; curl's error number and message (0 when a connection was made).
  static func fetch(_ url: String, _ api: Win32, localPort: UInt16?) -> (UInt32, String) {
    guard let target = parse(url) else { return (3, "URL rejected: Malformed input to a URL function") }
    guard let address = target.address else { return (6, "Could not resolve host: \(target.host)") }
    let family = address.count == 4 ? Win32.AF_INET : Win32.AF_INET6
    guard let s = api.socket(family, Win32.SOCK_STREAM, 6) else { return (7, "Failed to create a socket") }
    defer { _ = api.closesocket(s) }
    if let localPort, !api.bind(s, [UInt8](repeating: 0, count: address.count), localPort) {
      let e = api.GetLastError()
      return (45, "bind failed with errno \(e): \(Win32.socketErrorMessage(e))")
    }
    guard api.connect(s, address, target.port) else {
      return (7, "Failed to connect to \(target.host) port \(target.port) after 0 ms: Could not connect to server")
    }
    return (52, "Empty reply from server")
  }

  /// Host, address (nil when it does not resolve) and port of an http or https URL.
  static func parse(_ url: String) -> (host: String, address: [UInt8]?, port: UInt16)? {
    var rest = Substring(url)
    var port: UInt16 = 80
    if rest.lowercased().hasPrefix("https://") {
      rest = rest.dropFirst(8)
      port = 443
    } else if rest.lowercased().hasPrefix("http://") {
      rest = rest.dropFirst(7)
    } else if rest.contains("://") {
      return nil
    }
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    var host = Substring(authority)
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { return nil }
      let literal = host[host.index(after: host.startIndex)..<close]
      let after = host[host.index(after: close)...]
      if after.hasPrefix(":") {
        guard let p = UInt16(after.dropFirst()) else { return nil }
        port = p
      } else if !after.isEmpty {
        return nil
      }
      guard let a = IPAddress.parse(String(literal)), a.count == 16 else { return nil }
      return ("[\(literal)]", a, port)
    }
    if let colon = host.lastIndex(of: ":") {
      guard let p = UInt16(host[host.index(after: colon)...]) else { return nil }
      port = p
      host = host[..<colon]
    }
    guard !host.isEmpty else { return nil }
    let name = String(host)
    if name.lowercased() == "localhost" { return (name, [127, 0, 0, 1], port) }
    if let a = IPAddress.parse(name), a.count == 4 { return (name, a, port) }
    return (name, nil, port)
  }
}

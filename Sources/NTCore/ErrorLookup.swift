/// Explains an error code the way `!error` and `net helpmsg` do: NTSTATUS, Win32 error or HRESULT,
/// with the symbolic name, value, message and the mapping between the three.
public enum ErrorLookup {
  /// The explanation of a code typed as a number (decimal, `0x` hex, negative) or a symbolic name;
  /// nil when the text is neither a number nor a known name.
  public static func explain(_ text: String) -> [String]? {
    let trimmed = text.trimmingWhitespace
    if let status = NTStatus.named(trimmed), trimmed.uppercased().hasPrefix("STATUS_") {
      return explain(status: status)
    }
    if let error = Win32Error.named(trimmed), !trimmed.hasPrefix("0") {
      return explain(win32: error)
    }
    if let known = HResult.names.first(where: { $0.value.0 == trimmed.uppercased() }) {
      return explain(hresult: HResult(known.key))
    }
    guard let value = parse(trimmed) else { return nil }
    if value < 0x1_0000 {
      var lines = explain(win32: Win32Error(value))
      let status = NTStatus(value)
      // Small NTSTATUS values are wait results; only the larger ones (0x102 STATUS_TIMEOUT …) are
      // worth showing beside the Win32 error of the same number.
      if value >= 0x100, status.name != nil {
        lines.append("")
        lines += explain(status: status)
      }
      return lines
    }
    let status = NTStatus(value)
    if status.name != nil { return explain(status: status) }
    let hr = HResult(value)
    if hr.name != nil { return explain(hresult: hr) }
    if status.facility == 7 || value >> 30 == 3 { return explain(status: status) }
    return explain(hresult: hr)
  }

  /// The lines for an NTSTATUS.
  public static func explain(status: NTStatus) -> [String] {
    var lines = ["NTSTATUS \(status.hex) (\(status.rawValue)) \(status.name ?? "(unknown NTSTATUS)")"]
    if let m = status.message { lines.append("    \(m)") }
    let sev = ["Success", "Informational", "Warning", "Error"][Int(status.rawValue >> 30)]
    lines.append("    Severity: \(sev)  Customer: \(status.isCustomer ? 1 : 0)  Facility: \(status.facility)  Code: \(status.code)")
    let w = status.win32Error
    if status.hasWin32Mapping {
      lines.append("Win32 error (RtlNtStatusToDosError): \(w.name ?? "error") (\(w.code))")
      if let m = w.message { lines.append("    \(m)") }
    } else {
      lines.append("Win32 error (RtlNtStatusToDosError): none; it returns ERROR_MR_MID_NOT_FOUND (317)")
    }
    if status == .objectNameExists {
      lines.append("    Win32 create functions report ERROR_ALREADY_EXISTS (183) with a valid handle instead.")
    }
    lines.append("HRESULT (HRESULT_FROM_NT): " + "0x" + Hex.padded(UInt64(HResult(ntstatus: status).rawValue), digits: 8, uppercase: true))
    return lines
  }

  /// The lines for a Win32 error.
  public static func explain(win32 error: Win32Error) -> [String] {
    var lines = ["Win32 error \(error.code) (0x\(String(error.code, radix: 16, uppercase: true))) \(error.name ?? "(unknown Win32 error)")"]
    if let m = error.message { lines.append("    \(m)") }
    lines.append("HRESULT (HRESULT_FROM_WIN32): 0x" + Hex.padded(UInt64(error.hresult.rawValue), digits: 8, uppercase: true))
    let sources = NTStatus.mapping(to: error)
    if !sources.isEmpty {
      lines.append("NTSTATUS values that map to it:")
      for s in sources { lines.append("    \(s.hex) \(s.name ?? "")") }
    }
    return lines
  }

  /// The lines for an HRESULT.
  public static func explain(hresult: HResult) -> [String] {
    let hex = "0x" + Hex.padded(UInt64(hresult.rawValue), digits: 8, uppercase: true)
    var lines = ["HRESULT \(hex) (\(Int32(bitPattern: hresult.rawValue))) \(hresult.name ?? "(unknown HRESULT)")"]
    if let m = hresult.message { lines.append("    \(m)") }
    lines.append("    Severity: \(hresult.isSuccess ? "Success" : "Failure")  Facility: \(hresult.facility)  Code: \(hresult.code)")
    if let w = hresult.win32Error {
      lines.append("Win32 error (FACILITY_WIN32): \(w.name ?? "error") (\(w.code))")
    } else if let s = hresult.ntstatus {
      lines.append("NTSTATUS (FACILITY_NT_BIT): \(s.hex) \(s.name ?? "")")
    }
    return lines
  }

  /// Parses decimal, `0x` hex and negative (signed 32-bit) numbers into a 32-bit value.
  static func parse(_ text: String) -> UInt32? {
    var s = Substring(text)
    var negative = false
    if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
    let magnitude: UInt64?
    if s.hasPrefix("0x") || s.hasPrefix("0X") {
      magnitude = UInt64(s.dropFirst(2), radix: 16)
    } else {
      magnitude = UInt64(s, radix: 10)
    }
    guard let m = magnitude else { return nil }
    if negative {
      guard m <= 0x8000_0000 else { return nil }
      return UInt32(truncatingIfNeeded: 0 &- Int64(m))
    }
    return m <= UInt64(UInt32.max) ? UInt32(m) : nil
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}

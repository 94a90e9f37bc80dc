@preconcurrency import CEditLine
import CEditShim

#if canImport(Glibc)
  import Glibc
#endif

/// The interactive line editor: libedit with emacs bindings, persistent history, Ctrl-R search,
/// grammar-aware Tab completion and Ctrl-C that cancels the line.
///
/// Only used when stdin and stdout are terminals; scripts and pipes never reach libedit, so they
/// never enter the history.
final class LineEditor {
  /// What one read produced.
  enum Event: Equatable {
    /// A line the user entered, without its newline.
    case line(String)
    /// Ctrl-C: the line was cancelled.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
  }

  /// Entries kept in the history file.
  static let historySize: Int32 = 1000

  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let historyPath: String?
  private let completer: Completer
  private var promptBuffer: UnsafeMutablePointer<CChar>?
  private var lastAmbiguousLine: String?

  /// The prompt shown before the next read.
  var prompt: String = "" {
    didSet {
      free(promptBuffer)
      promptBuffer = strdup(prompt)
    }
  }

  init?(completer: Completer) {
    self.completer = completer
    shim_setup_locale()
    guard let input = fdopen(0, "r"), let output = fdopen(1, "w"), let errors = fdopen(2, "w"),
      let el = el_init("ntsh", input, output, errors)
    else { return nil }
    editLine = el
    guard let h = shim_history_init() else {
      el_end(el)
      return nil
    }
    history = h
    historyPath = LineEditor.historyFile()
    shim_hist_setsize(h, LineEditor.historySize)
    shim_hist_setunique(h, 1)
    if let path = historyPath { _ = shim_hist_load(h, path) }
    shim_el_set_hist(el, h)
    // The editor must be chosen before binding keys: setting it resets the key map.
    shim_el_set_editor(el, "emacs")
    shim_el_set_signal(el, 1)
    shim_el_set_getc(el)
    shim_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
    shim_el_set_prompt(el) { el in
      guard let el, let data = shim_el_get_clientdata(el) else { return nil }
      return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptBuffer
    }
    shim_el_addfn(el, "ntsh-complete", "Complete the word under the cursor") { el, _ in
      guard let el, let data = shim_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
      return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().completeWord()
    }
    shim_el_bind(el, "^I", "ntsh-complete")
    shim_el_bind(el, "^R", "em-inc-search-prev")
    el_source(el, nil)
    shim_install_sigint()
  }

  deinit {
    history_end(history)
    el_end(editLine)
    free(promptBuffer)
  }

  /// Reads one line, showing the prompt.
  func read() -> Event {
    _ = shim_take_sigint()
    var count: Int32 = 0
    guard let raw = el_gets(editLine, &count), count > 0 else {
      if shim_take_sigint() != 0 {
        el_reset(editLine)
        writeOut("\n")
        return .interrupted
      }
      writeOut("\n")
      return .endOfInput
    }
    var line = String(cString: raw)
    while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
    lastAmbiguousLine = nil
    return .line(line)
  }

  /// Adds a typed line to the history and saves the file (cheap; nothing is lost on a crash).
  func remember(_ line: String) {
    guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { return }
    shim_hist_enter(history, line)
    if let path = historyPath { _ = shim_hist_save(history, path) }
  }

  /// `$XDG_STATE_HOME/ntsh/history`, else `~/.local/state/ntsh/history`; the folder is created.
  static func historyFile() -> String? {
    var base: String
    if let state = getenv("XDG_STATE_HOME"), state.pointee != 0 {
      base = String(cString: state)
    } else if let home = getenv("HOME"), home.pointee != 0 {
      base = String(cString: home) + "/.local/state"
    } else {
      return nil
    }
    base += "/ntsh"
    var path = ""
    for part in base.split(separator: "/") {
      path += "/" + part
      mkdir(path, 0o700)
    }
    return base + "/history"
  }

  private func completeWord() -> UInt8 {
    guard let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
    let length = info.cursor - info.buffer
    let before = UnsafeRawBufferPointer(start: info.buffer, count: max(0, length))
    let text = String(decoding: before, as: UTF8.self)
    let completion = completer.complete(text)
    let candidates = completion.candidates
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let rawWord = LineEditor.rawLastWord(text)
    if candidates.count == 1 {
      let word = candidates[0]
      replace(rawWord, with: LineEditor.quoted(word) + (Completer.Completion.wantsSpace(word) ? " " : ""))
      lastAmbiguousLine = nil
      return UInt8(CC_REFRESH)
    }
    let common = completion.commonPrefix
    if common.count > completion.word.count {
      replace(rawWord, with: LineEditor.quoted(common))
      lastAmbiguousLine = nil
      return UInt8(CC_REFRESH)
    }
    if lastAmbiguousLine == text {
      writeOut("\n" + LineEditor.columns(candidates) + "\n")
      return UInt8(CC_REDISPLAY)
    }
    lastAmbiguousLine = text
    return UInt8(CC_REFRESH_BEEP)
  }

  private func replace(_ rawWord: String, with text: String) {
    if !rawWord.isEmpty { el_deletestr(editLine, Int32(rawWord.unicodeScalars.count)) }
    el_insertstr(editLine, text)
  }

  /// The raw text of the last word before the cursor, quotes included.
  static func rawLastWord(_ text: String) -> String {
    var start = text.startIndex
    var inQuote = false
    var i = text.startIndex
    while i < text.endIndex {
      let ch = text[i]
      if ch == "\"" { inQuote.toggle() }
      if !inQuote && (ch == " " || ch == "\t") { start = text.index(after: i) }
      i = text.index(after: i)
    }
    return String(text[start...])
  }

  /// A candidate as it must be typed: values with spaces in quotes (`tag="a b"`).
  static func quoted(_ word: String) -> String {
    guard word.contains(" ") else { return word }
    if let eq = word.firstIndex(of: "="), !word[..<eq].contains(" ") {
      return String(word[...eq]) + "\"" + word[word.index(after: eq)...] + "\""
    }
    return "\"" + word + "\""
  }

  /// Candidates in columns fitting the terminal width.
  static func columns(_ words: [String]) -> String {
    var ws = winsize()
    let width = ioctl(1, UInt(TIOCGWINSZ), &ws) == 0 && ws.ws_col > 0 ? Int(ws.ws_col) : 80
    let cell = (words.map(\.count).max() ?? 0) + 2
    let perLine = max(1, width / cell)
    var lines: [String] = []
    var index = 0
    while index < words.count {
      let row = words[index..<min(words.count, index + perLine)]
      lines.append(row.map { $0.padding(cell) }.joined().trimmingSpaces)
      index += perLine
    }
    return lines.joined(separator: "\n")
  }

  private func writeOut(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress, $0.count) }
  }
}

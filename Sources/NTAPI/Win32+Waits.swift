import Kernel
import NTCore

/// Sleep and waits. Simulated threads suspend; the shell's thread runs the machine instead.
extension Win32 {
  /// The outcome of a wait the shell makes.
  public enum SynchronousWait: Equatable {
    /// WAIT_OBJECT_0 + n, WAIT_ABANDONED_0 + n, WAIT_TIMEOUT, or WAIT_FAILED with the last error set.
    case result(UInt32)
    /// Nothing can ever satisfy the wait (no runnable thread, no timer, infinite timeout).
    case deadlock
  }

  /// Sleep: the thread sleeps on the virtual clock; Sleep(0) yields; Sleep(INFINITE) never times out.
  public func Sleep(_ milliseconds: UInt32) async throws {
    _ = try await nt.callAsync { try await $0.NtDelayExecution(ticks: Win32.timeout(milliseconds)) }
  }

  /// WaitForSingleObject.
  public func WaitForSingleObject(_ h: Handle, _ milliseconds: UInt32) async throws -> UInt32 {
    try await WaitForMultipleObjects([h], false, milliseconds)
  }

  /// WaitForMultipleObjects.
  public func WaitForMultipleObjects(_ handles: [Handle], _ waitAll: Bool, _ milliseconds: UInt32) async throws -> UInt32 {
    if handles.count > Self.MAXIMUM_WAIT_OBJECTS || handles.isEmpty {
      fail(.invalidParameter)
      return Self.WAIT_FAILED
    }
    let s = try await nt.callAsync {
      try await $0.NtWaitForMultipleObjects(handles, waitAll: waitAll, timeout: Win32.timeout(milliseconds))
    }
    return waitCode(s)
  }

  /// A wait by the shell's thread: the machine runs until the wait completes.
  public func WaitForMultipleObjectsSynchronously(_ handles: [Handle], _ waitAll: Bool, _ milliseconds: UInt32) -> SynchronousWait {
    if handles.count > Self.MAXIMUM_WAIT_OBJECTS || handles.isEmpty {
      fail(.invalidParameter)
      return .result(Self.WAIT_FAILED)
    }
    switch nt.call({ $0.NtWaitForMultipleObjectsSynchronously(handles, waitAll: waitAll, timeout: Win32.timeout(milliseconds)) }) {
    case .failure(let s):
      fail(s)
      return .result(Self.WAIT_FAILED)
    case .success(.deadlock):
      return .deadlock
    case .success(.completed(let s)):
      return .result(waitCode(s))
    }
  }

  func waitCode(_ s: NTStatus) -> UInt32 {
    if s == .timeout { return Self.WAIT_TIMEOUT }
    if s.rawValue < 64 || (s.rawValue >= 0x80 && s.rawValue < 0x80 + 64) {
      succeed(s)
      return s.rawValue
    }
    fail(s)
    return Self.WAIT_FAILED
  }
}

/// Console output.
extension Win32 {
  /// Writes to the process's console (what printf and WriteConsole produce).
  public func printf(_ text: String) { kernel.console.write(text, pid: process.pid, image: process.imageName) }

  /// Writes a line.
  public func puts(_ text: String) { printf(text + "\n") }
}

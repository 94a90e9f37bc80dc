/// Runs conformance test files: assemble (or take `-- raw`), load `-- mem` as the input buffer
/// (r1 = its address, r2 = its length), run, and compare r0 with `-- result` or the fault text
/// with `-- error`.
public struct ConformanceRunner {
  /// The outcome of one file.
  public enum Outcome: Hashable, Sendable {
    /// The result matched.
    case passed
    /// It did not; the message says how.
    case failed(String)
    /// The file has a section the runner does not understand (the suite's runner skips these).
    case skipped(String)
  }

  /// How programs run.
  public var configuration: Interpreter.Configuration

  /// Creates a runner; by default checked mode with a budget of one million instructions.
  public init(configuration: Interpreter.Configuration = .init(instructionBudget: 1_000_000)) {
    self.configuration = configuration
  }

  /// Runs one parsed test.
  public func run(_ test: ConformanceTest) -> Outcome {
    if let section = test.unsupportedSection { return .skipped("unsupported section '\(section)'") }
    let actual: Result<UInt64, Failure>
    do {
      actual = .success(try execute(test))
    } catch {
      actual = .failure(error)
    }
    switch (actual, test.expectedError, test.expectedResult) {
    case (.failure(let failure), let expected?, _):
      let message = failure.message
      return message.contains(expected) || expected.contains(message)
        ? .passed : .failed("expected error '\(expected)', got '\(message)'")
    case (.failure(let failure), nil, _):
      return .failed(failure.message)
    case (.success(let value), let expected?, _):
      return .failed("expected error '\(expected)', got result \(hex(value))")
    case (.success(let value), nil, let expected?):
      return value == expected ? .passed : .failed("expected \(hex(expected)), got \(hex(value))")
    case (.success, nil, nil):
      return .failed("test file has neither -- result nor -- error")
    }
  }

  /// Reads, parses and runs one file.
  public func run(file path: String) -> Outcome {
    do {
      return run(try ConformanceTest.parse(contentsOf: path))
    } catch {
      return .failed(error.description)
    }
  }

  private struct Failure: Error {
    let message: String
  }

  private func execute(_ test: ConformanceTest) throws(Failure) -> UInt64 {
    let slots: [Instruction]
    do {
      slots = try test.slots()
    } catch {
      throw Failure(message: "assembly: \(error)")
    }
    let program: Program
    do {
      program = try Program(slots: slots, name: test.name)
    } catch {
      throw Failure(message: error.description)
    }
    do {
      let memory = AddressSpace()
      let interpreter = try Interpreter(
        configuration: configuration, memory: memory,
        helpers: ConformanceHelpers.table())
      var arguments: [UInt64] = [0, 0]
      if !test.memory.isEmpty {
        let region = try memory.allocate(copying: test.memory, kind: .packet, name: "mem")
        arguments = [region.address, UInt64(test.memory.count)]
      }
      return try interpreter.run(program, arguments: arguments).result
    } catch let error as Fault {
      throw Failure(message: error.description)
    } catch {
      throw Failure(message: "\(error)")
    }
  }

  private func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}

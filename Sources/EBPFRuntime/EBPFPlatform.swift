/// Facts about the simulated machine that the runtime's data depends on.
public enum EBPFPlatform {
  /// Logical processors of the simulated machine: per-CPU maps keep this many values per key and
  /// perf event arrays this many rings. Two keeps per-CPU behaviour visible in small transcripts.
  public static let cpuCount = 2

  /// The most bytes one map may allocate for its storage; a larger definition fails with
  /// ``EBPFResult/noMemory`` rather than exhausting the host.
  public static let maximumMapStorage = 256 << 20
}

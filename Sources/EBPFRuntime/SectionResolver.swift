/// Maps ELF section names (and netsh's `type=` values, which are resolved "as if a section name") to
/// program and attach types by the longest registered section prefix, as eBPF for Windows does.
public enum SectionResolver {
  /// Every registered prefix with its attach type, longest first (ties in attach type order).
  public static let prefixes: [AttachType] = AttachType.all.enumerated()
    .sorted { ($0.element.name.utf8.count, -$0.offset) > ($1.element.name.utf8.count, -$1.offset) }
    .map(\.element)

  /// The attach type whose prefix is the longest one `section` starts with, or nil (program type
  /// unspec). Matching is case-sensitive: `bind_1` and `bind/0` are bind, `Bind` is not.
  public static func attachType(forSection section: String) -> AttachType? {
    prefixes.first { section.utf8.starts(with: $0.name.utf8) }
  }

  /// The program type for a section name, or nil (unspec).
  public static func programType(forSection section: String) -> ProgramType? {
    attachType(forSection: section)?.programType
  }

  /// The Type column `show sections` prints: the program type name, or `unspec`.
  public static func programTypeName(forSection section: String) -> String {
    programType(forSection: section)?.name ?? "unspec"
  }
}

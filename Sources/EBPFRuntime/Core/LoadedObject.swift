/// What one load created: the handle netsh keeps on an object file (`bpf_object`). Closing it
/// releases its references on every program and map of the file; those nothing else holds (a pin,
/// a link, a program using a map) disappear.
public final class LoadedObject {
  /// The file as the user named it.
  public let fileName: String
  /// Program ids, in file order (the first is the one `add program` attaches and pins).
  public let programIDs: [UInt32]
  /// Map ids, in creation order (the maps this load created or reused by pin).
  public let mapIDs: [UInt32]
  /// True once closed.
  public internal(set) var isClosed = false

  init(fileName: String, programIDs: [UInt32], mapIDs: [UInt32]) {
    self.fileName = fileName
    self.programIDs = programIDs
    self.mapIDs = mapIDs
  }
}

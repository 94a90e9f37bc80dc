/// A callback object (the body of Callback objects): a named place where kernel components
/// publish notifications and drivers register functions to receive them.
public final class CallbackObject {
  /// One registered function.
  public final class Registration {
    /// The function, called with the registration context and the notifier's two arguments.
    let function: (_ context: AnyObject?, _ argument1: UInt64, _ argument2: UInt64) -> Void
    let context: AnyObject?
    /// The callback object it belongs to.
    public internal(set) weak var owner: CallbackObject?

    init(function: @escaping (AnyObject?, UInt64, UInt64) -> Void, context: AnyObject?, owner: CallbackObject) {
      self.function = function
      self.context = context
      self.owner = owner
    }
  }

  /// Whether more than one function may register.
  public let allowMultipleCallbacks: Bool
  /// The registered functions, in registration order.
  public internal(set) var registrations: [Registration] = []
  /// The callback object (set when a function registers).
  public internal(set) weak var object: KObject?
  /// How many notifications were delivered.
  public internal(set) var notifications = 0

  init(allowMultipleCallbacks: Bool) { self.allowMultipleCallbacks = allowMultipleCallbacks }
}

extension CallbackObject: ObjectBodyImage {
  /// `_CALLBACK_OBJECT`.
  public func bodyImage(of object: KObject, kernel: Kernel) -> [UInt8] {
    var w = LayoutWriter("_CALLBACK_OBJECT")
    w.set("Signature", 0x6B6C_6143)  // 'Calk'
    w.setEmptyList("RegisteredCallbacks", base: object.address + 0x10)
    w.set("AllowMultipleCallbacks", allowMultipleCallbacks ? 1 : 0)
    return w.bytes
  }
}

/// A FAST_MUTEX: a non-recursive lock for driver code.
///
/// Kernel code never suspends in ntsh, so contention cannot arise between threads; what can go
/// wrong is a recursive acquire or a release by a non-owner, which Windows answers with a
/// deadlock or a bugcheck — here a bugcheck, so the mistake is visible.
public final class FastMutex {
  /// The owning thread, nil when free.
  public private(set) weak var owner: EThread?
  private(set) var held = false

  /// ExInitializeFastMutex.
  public init() {}

  func acquire(by thread: EThread?, kernel: Kernel) {
    if held {
      kernel.bugCheck(.possibleDeadlock, 0, 0, 0, 0)
      return
    }
    held = true
    owner = thread
  }

  func release(by thread: EThread?, kernel: Kernel) {
    guard held else {
      kernel.bugCheck(.irqlNotLessOrEqual, 0, 0, 0, 0)
      return
    }
    held = false
    owner = nil
  }
}

/// The executor every simulated thread's task runs on: it only queues jobs, and the dispatcher runs
/// them, one at a time, on the thread that owns the machine.
///
/// `@unchecked Sendable` is sound here because no job ever runs elsewhere: tasks are created with
/// this executor as their preference, their code is nonisolated, and ``runAll()`` is called only by
/// the dispatcher on the machine's thread (see ARCHITECTURE.md, "Execution model").
final class DispatcherExecutor: TaskExecutor, @unchecked Sendable {
  private var queue: [UnownedJob] = []
  private var head = 0

  /// Queues a job; it runs at the next ``runAll()``.
  func enqueue(_ job: consuming ExecutorJob) { queue.append(UnownedJob(job)) }

  /// True when no job is queued.
  var isEmpty: Bool { head >= queue.count }

  /// Runs queued jobs in FIFO order, including jobs queued while running, until none is left.
  func runAll() {
    while head < queue.count {
      let job = queue[head]
      head += 1
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
    queue.removeAll(keepingCapacity: true)
    head = 0
  }
}

/// A value handed to a simulated thread's task. Sound for the same reason as the executor: the
/// task only ever runs on the machine's thread.
struct Unchecked<Value>: @unchecked Sendable {
  let value: Value
}

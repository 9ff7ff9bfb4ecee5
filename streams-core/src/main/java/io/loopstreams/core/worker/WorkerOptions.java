package io.loopstreams.core.worker;

/**
 * Options of a {@link Worker}: Node's {@code workerData} and {@code name}.
 *
 * @param workerData a value handed to the worker by reference (send immutable data)
 * @param name the worker loop's name, also its thread's ({@code loopstreams-<name>})
 */
public record WorkerOptions(Object workerData, String name) {

  /** No data, a generated name. */
  public static WorkerOptions defaults() {
    return new WorkerOptions(null, null);
  }

  /** These options with {@code data} as {@code workerData}. */
  public WorkerOptions workerData(Object data) {
    return new WorkerOptions(data, name);
  }

  /** These options with a name. */
  public WorkerOptions name(String workerName) {
    return new WorkerOptions(workerData, workerName);
  }
}

package io.loopstreams.examples;

import io.loopstreams.core.EventLoop;
import io.loopstreams.core.Promise;
import io.loopstreams.core.stream.Readable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Independent waits should overlap. {@code ./run-example SerialVsConcurrent [N] [DELAY_MS]
 * [CONCURRENCY]} (defaults 10, 100, 4) looks up N ids, each lookup a promise that settles after
 * DELAY_MS (a timer standing in for a database or HTTP call), three ways: one after the other
 * (Node's {@code for (id of ids) await lookup(id)}), all at once ({@code Promise.all}), and
 * with at most CONCURRENCY in flight ({@code readable.map(lookup, {concurrency})}), and prints
 * each time. All three give the same results in the same order.
 */
public final class SerialVsConcurrent {

  private SerialVsConcurrent() {
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long delay = args.length > 1 ? Long.parseLong(args[1]) : 100;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    List<Integer> ids = IntStream.rangeClosed(1, n).boxed().toList();
    System.out.println(n + " lookups of " + delay + " ms each");
    EventLoop.run(loop -> {
      Lookup lookup = id -> {
        Promise.Resolvers<String> r = Promise.withResolvers(loop);
        loop.setTimeout(() -> r.resolve("user-" + id), delay);
        return r.promise();
      };
      // for (id of ids) results.push(await lookup(id))
      Map<String, Long> times = new LinkedHashMap<>(); // printed at the end: printing takes time too
      timed(times, "serial awaits:", () -> {
        Promise<List<String>> chain = Promise.resolved(loop, new ArrayList<>());
        for (int id : ids) {
          chain = chain.flatMap(results -> lookup.find(id).map(user -> {
            results.add(user);
            return results;
          }));
        }
        return chain;
      })
          .flatMap(serial -> timed(times, "Promise.all:", () -> Promise.all(loop, ids.stream().map(lookup::find).toList()))
              .flatMap(all -> timed(times, "map, concurrency " + concurrency + ":",
                  () -> Readable.from(ids).map(lookup::find, concurrency).toList())
                  .thenAccept(mapped -> {
                    times.forEach((label, ms) -> System.out.printf("%-22s %5d ms%n", label, ms));
                    System.out.println("same results in the same order: "
                        + (serial.equals(all) && all.equals(mapped)) + " " + mapped);
                  })));
    });
  }

  interface Lookup {
    Promise<String> find(int id);
  }

  /** Runs {@code work}, recording under {@code label} how long its promise took to fulfil. */
  private static <T> Promise<T> timed(Map<String, Long> times, String label, Supplier<Promise<T>> work) {
    long start = System.nanoTime();
    return work.get().map(result -> {
      times.put(label, (System.nanoTime() - start) / 1_000_000);
      return result;
    });
  }
}

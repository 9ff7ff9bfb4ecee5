/**
 * The hand-off classes behind {@link io.loopstreams.core.reactive.ReactiveStreams}: where a
 * Reactive Streams signal from a foreign thread meets a loop-confined stream. Not API.
 *
 * <h2>Conventions (every class here)</h2>
 * <ul>
 *   <li>Fields are grouped under {@code // immutable}, {@code // any thread} and {@code // loop
 *       thread only}. Loop-only fields are plain; they are touched only inside {@code drain()}
 *       or stream listeners, which run on the owning loop.
 *   <li>Cross-thread fields are {@code volatile} and updated through a {@link
 *       java.lang.invoke.VarHandle} named after the field in capitals ({@code WIP}, {@code
 *       REQUESTED}, {@code UPSTREAM}).
 *   <li>One queue-drain per class (STYLE example 7): a signal is recorded first (queue offer,
 *       volatile write or saturating add), then {@code WIP.getAndAdd(this, 1)}; only the caller that
 *       moves {@code wip} from 0 to 1 schedules {@code drain()} with {@code loop.execute}, and the
 *       drain loops with {@code missed = WIP.getAndAdd(-missed) - missed} until it reaches 0.
 *       Signals that arrive during a drain only bump {@code wip}; the running drain picks them
 *       up. This is also the trampoline of rule 3.3: {@code request} never calls {@code onNext}
 *       on its own stack.
 *   <li>Happens-before, in every class: (1) the producer's record write (queue offer / volatile
 *       store), (2) its {@code WIP} increment (a volatile read-modify-write), (3) {@code
 *       loop.execute}'s MPSC offer / the drain's {@code WIP} decrement, (4) the drain reads the
 *       record. A plain field written before {@code loop.execute} (for example the subscriber
 *       given to {@code subscribe}) is visible to the drain through (3).
 *   <li>Calls to an upstream {@code Subscription} are made from the loop thread only (rule 2.7),
 *       except {@code cancel()} of a rejected second subscription (rule 2.5), which is that
 *       subscription's only call.
 * </ul>
 */
package io.loopstreams.core.reactive.internal;

package io.loopstreams.core;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh {@link VirtualTime} (a started loop whose
 * clock the test advances) as a parameter, and closes it after the test. A loop stopped by an
 * uncaught exception fails the test. Shipped in streams-core's test jar for other modules and
 * users:
 *
 * <pre>{@code
 * @ExtendWith(VirtualTimeExtension.class)
 * class RetryTest {
 *   @Test void retriesEveryMinute(VirtualTime time) {
 *     time.run(() -> client.start());
 *     time.advance(Duration.ofMinutes(3));
 *     assertEquals(3, time.call(client::attempts));
 *   }
 * }
 * }</pre>
 */
public final class VirtualTimeExtension implements ParameterResolver, AfterEachCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(VirtualTimeExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VirtualTime.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NS).getOrComputeIfAbsent("time",
        key -> VirtualTime.start(context.getDisplayName()), VirtualTime.class);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    VirtualTime time = context.getStore(NS).remove("time", VirtualTime.class);
    if (time == null) {
      return;
    }
    boolean failed = time.loop().terminationFuture().isCompletedExceptionally();
    time.close();
    if (failed) {
      time.loop().terminationFuture().join(); // rethrows the loop's uncaught exception
    }
  }
}

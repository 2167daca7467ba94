package io.cronshard.test;

import org.springframework.test.context.ContextCustomizerFactories;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For a Spring Boot test of an application that uses {@code cronshard-spring-boot-starter}, next to
 * {@code @SpringBootTest}: its application context gets an in-process {@link TestZookeeper} of its own, started before the
 * context and stopped after it, and a fresh namespace; {@code cronshard.reg-center.server-lists} and
 * {@code cronshard.reg-center.namespace} point at them (over any value of the application's). The context also holds a
 * {@link CronshardTestContext} bean on the same namespace that observes the jobs of {@code cronshard.jobs}: inject it to
 * fire a job now and see which items ran where.
 *
 * <pre>{@code
 * @SpringBootTest
 * @CronshardTest
 * class OrderSyncTest {
 *
 *     @Autowired
 *     CronshardTestContext cronshard;
 *
 *     @Test
 *     void everyRegionIsSynced() {
 *         JobFire fire = cronshard.fireNow("order-sync");
 *         assertThat(fire.items()).containsExactly(0, 1, 2);
 *     }
 * }
 * }</pre>
 *
 * Test classes with the same configuration share one context (Spring's context cache), so one server and one namespace.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(CronshardTestContextCustomizerFactory.class)
public @interface CronshardTest {
}

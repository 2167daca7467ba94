/**
 * The Cronshard test kit, for users' tests: an in-process ZooKeeper ({@link io.cronshard.test.TestZookeeper}), a JUnit 5
 * extension that gives each test a fresh namespace ({@link io.cronshard.test.CronshardTestExtension}), a Spring Boot test
 * annotation that points the starter at it ({@link io.cronshard.test.CronshardTest}), and
 * {@link io.cronshard.test.CronshardTestContext#fireNow(String)} to run a job now and see which items ran where.
 * See {@code docs/testing.md}.
 */
package io.cronshard.test;

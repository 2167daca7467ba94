package io.cronshard.api;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigurationTest {

    private static JobConfiguration.Builder valid() {
        return JobConfiguration.newBuilder("orderSync", 3).cron("0/5 * * * * ?");
    }

    private static JobConfiguration fullyPopulated() {
        return JobConfiguration.newBuilder("orderSync", 4)
                .cron("0 0/10 * * * ?")
                .timeZone("Asia/Shanghai")
                .shardingItemParameters("0=Beijing,1=Shanghai,2=Guangzhou,3=Shenzhen")
                .jobParameter("batch=100")
                .monitorExecution(false)
                .failover(true)
                .misfire(false)
                .maxTimeDiffSeconds(30)
                .reconcileIntervalMinutes(0)
                .jobShardingStrategyType("AVG_ALLOCATION")
                .jobExecutorServiceHandlerType("CPU")
                .jobErrorHandlerType("LOG")
                .jobListenerTypes("audit", "metrics")
                .description("syncs orders per city")
                .setProperty("streaming.process", "true")
                .setProperty("script.command.line", "echo hi")
                .disabled(true)
                .overwrite(true)
                .itemRetries(3)
                .itemRetryBackoffMillis(250)
                .itemTimeoutMillis(90_000)
                .keepCheckpointOnSuccess(true)
                .build();
    }

    @Nested
    class Defaults {

        @Test
        void aMinimalBuilderGetsTheDocumentedDefaults() {
            JobConfiguration config = JobConfiguration.newBuilder("j", 1).build();

            assertThat(config.getJobName()).isEqualTo("j");
            assertThat(config.getShardingTotalCount()).isEqualTo(1);
            assertThat(config.getCron()).isNull();
            assertThat(config.isMonitorExecution()).isTrue();
            assertThat(config.isFailover()).isFalse();
            assertThat(config.isMisfire()).isTrue();
            assertThat(config.getMaxTimeDiffSeconds()).isEqualTo(-1);
            assertThat(config.getReconcileIntervalMinutes()).isEqualTo(10);
            assertThat(config.getJobShardingStrategyType()).isEqualTo("AVG_ALLOCATION");
            assertThat(config.getJobExecutorServiceHandlerType()).isEqualTo("CPU");
            assertThat(config.getJobErrorHandlerType()).isEqualTo("LOG");
            assertThat(config.getTimeZone()).as("null means the JVM's time zone").isNull();
            assertThat(config.isOverwrite()).isFalse();
            assertThat(config.isDisabled()).isFalse();
            assertThat(config.getJobParameter()).isEmpty();
            assertThat(config.getDescription()).isEmpty();
            assertThat(config.getShardingItemParameters()).isEmpty();
            assertThat(config.getShardingItemParameterMap()).isEmpty();
            assertThat(config.getJobListenerTypes()).isEmpty();
            assertThat(config.getProps()).isEmpty();
            assertThat(config.getItemRetries()).isZero();
            assertThat(config.getItemRetryBackoffMillis()).isEqualTo(JobConfiguration.DEFAULT_ITEM_RETRY_BACKOFF_MILLIS).isEqualTo(1_000L);
            assertThat(config.getItemTimeoutMillis()).isZero();
            assertThat(config.isKeepCheckpointOnSuccess()).isFalse();
            assertThat(config.getAlarms()).isSameAs(io.cronshard.api.listener.JobAlarmListener.NONE);
        }

        @Test
        void theDefaultConstantsMatchTheBuilder() {
            JobConfiguration config = JobConfiguration.newBuilder("j", 1).build();

            assertThat(config.getJobShardingStrategyType()).isEqualTo(JobConfiguration.DEFAULT_SHARDING_STRATEGY);
            assertThat(config.getJobExecutorServiceHandlerType()).isEqualTo(JobConfiguration.DEFAULT_EXECUTOR_SERVICE_HANDLER);
            assertThat(config.getJobErrorHandlerType()).isEqualTo(JobConfiguration.DEFAULT_ERROR_HANDLER);
            assertThat(config.getReconcileIntervalMinutes()).isEqualTo(JobConfiguration.DEFAULT_RECONCILE_INTERVAL_MINUTES);
        }

        @Test
        void nullOrBlankOptionalValuesMeanTheDefault() {
            JobConfiguration config = JobConfiguration.newBuilder("j", 1)
                    .cron("  ").timeZone("").shardingItemParameters(null).jobParameter(null).description(null)
                    .jobShardingStrategyType(" ").jobExecutorServiceHandlerType(null).jobErrorHandlerType("")
                    .jobListenerTypes((String[]) null)
                    .build();

            assertThat(config).isEqualTo(JobConfiguration.newBuilder("j", 1).build());
        }

        @Test
        void typeNamesAreMatchedCaseInsensitivelyAndStoredInTheirCanonicalForm() {
            JobConfiguration config = JobConfiguration.newBuilder("j", 1)
                    .jobShardingStrategyType(" avg_allocation ").jobExecutorServiceHandlerType("cpu").jobErrorHandlerType("Log")
                    .build();

            assertThat(config.getJobShardingStrategyType()).isEqualTo("AVG_ALLOCATION");
            assertThat(config.getJobExecutorServiceHandlerType()).isEqualTo("CPU");
            assertThat(config.getJobErrorHandlerType()).isEqualTo("LOG");
        }
    }

    @Nested
    class JobName {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void aBlankNameIsRefused(String jobName) {
            assertThatThrownBy(() -> JobConfiguration.newBuilder(jobName, 1).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobName'")
                    .hasMessageContaining("must not be blank");
        }

        @Test
        void aNameWithSlashIsRefusedBecauseItIsAZookeeperNodeName() {
            assertThatThrownBy(() -> JobConfiguration.newBuilder("billing/daily", 1).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobName'")
                    .hasMessageContaining("'billing/daily'")
                    .hasMessageContaining("must not contain '/'");
        }

        @Test
        void aNameWithControlCharactersIsRefused() {
            assertThatThrownBy(() -> JobConfiguration.newBuilder("a\u0000b", 1).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobName'")
                    .hasMessageContaining("control characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"report\uD83D\uDE00", "x\uE000", "x\uFFFE"})
        void aNameWithCharactersZookeeperRefusesIsRefusedBeforeReachingZookeeper(String jobName) {
            assertThatThrownBy(() -> JobConfiguration.newBuilder(jobName, 1).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobName'")
                    .hasMessageContaining("U+D800..U+F8FF or U+FFF0..U+FFFF");
        }

        @Test
        void aNameWithSurroundingWhiteSpaceIsRefused() {
            assertThatThrownBy(() -> JobConfiguration.newBuilder(" job", 1).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobName'")
                    .hasMessageContaining("white space");
        }

        @ParameterizedTest
        @ValueSource(strings = {".", "..", "zookeeper"})
        void reservedNamesAreRefused(String jobName) {
            assertThatThrownBy(() -> JobConfiguration.newBuilder(jobName, 1).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobName'")
                    .hasMessageContaining("reserved");
        }

        @ParameterizedTest
        @ValueSource(strings = {"orderSync", "order-sync.v2", "订单同步", "job with spaces", "a"})
        void ordinaryNamesAreAccepted(String jobName) {
            assertThat(JobConfiguration.newBuilder(jobName, 1).build().getJobName()).isEqualTo(jobName);
        }
    }

    @Nested
    class ShardingTotalCount {

        @ParameterizedTest
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        void lessThanOneIsRefused(int total) {
            assertThatThrownBy(() -> JobConfiguration.newBuilder("j", total).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'shardingTotalCount'")
                    .hasMessageContaining(String.valueOf(total))
                    .hasMessageContaining("must be at least 1");
        }
    }

    @Nested
    class Cron {

        @ParameterizedTest
        @ValueSource(strings = {"* * *", "0 0 25 * * ?", "0 61 * * * ?", "0 0 0 * * *", "every minute", "0 0 0 ? * MON#6"})
        void anInvalidQuartzExpressionIsRefusedWithTheExpectedFormat(String cron) {
            assertThatThrownBy(() -> valid().cron(cron).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'cron'")
                    .hasMessageContaining("'" + cron + "'")
                    .hasMessageContaining("seconds minutes hours day-of-month month day-of-week");
        }

        @Test
        void theMessageCarriesQuartzsReason() {
            assertThatThrownBy(() -> valid().cron("0 0 25 * * ?").build())
                    .hasMessageContaining("Hour values must be between 0 and 23");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0/5 * * * * ?", "0 0 12 ? * WED", "0 15 10 ? * 6L 2002-2099", "0 0 0 L * ?", "* * * * * ?"})
        void validQuartzExpressionsAreAccepted(String cron) {
            assertThat(valid().cron(cron).build().getCron()).isEqualTo(cron);
        }

        @Test
        void surroundingWhiteSpaceIsTrimmed() {
            assertThat(valid().cron("  0/5 * * * * ?  ").build().getCron()).isEqualTo("0/5 * * * * ?");
        }
    }

    @Nested
    class TimeZone {

        @ParameterizedTest
        @ValueSource(strings = {"Mars/Olympus", "utc", "EST", "GMT+25:00"})
        void anUnknownZoneIsRefused(String zone) {
            assertThatThrownBy(() -> valid().timeZone(zone).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'timeZone'")
                    .hasMessageContaining("'" + zone + "'")
                    .hasMessageContaining("'UTC', 'Asia/Shanghai' or 'GMT+08:00'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+08:00", "UTC+8", "UT-03:00"})
        void aZoneJavaUtilTimeZoneWouldReadAsGmtIsRefused(String zone) {
            // java.time knows these, java.util.TimeZone (which Quartz uses) silently turns them into GMT
            assertThatThrownBy(() -> valid().timeZone(zone).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'timeZone'")
                    .hasMessageContaining("'GMT+08:00'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"UTC", "Asia/Shanghai", "GMT+08:00", "America/New_York", "GMT", "GMT-3"})
        void validZonesAreAccepted(String zone) {
            assertThat(valid().timeZone(zone).build().getTimeZone()).isEqualTo(zone);
        }
    }

    @Nested
    class ShardingItemParameters {

        @ParameterizedTest
        @ValueSource(strings = {"0a", "=a", "0=a,,1=b", ",0=a"})
        void aMalformedPairIsRefused(String parameters) {
            assertThatThrownBy(() -> valid().shardingItemParameters(parameters).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'shardingItemParameters'")
                    .hasMessageContaining("item=parameter pairs such as '0=a,1=b'");
        }

        @Test
        void anItemThatIsNotANumberIsRefused() {
            assertThatThrownBy(() -> valid().shardingItemParameters("x=1").build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'shardingItemParameters'")
                    .hasMessageContaining("must be a number, got 'x'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"3=d", "-1=z"})
        void anItemOutsideTheJobsItemsIsRefused(String parameters) {
            assertThatThrownBy(() -> valid().shardingItemParameters(parameters).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'shardingItemParameters'")
                    .hasMessageContaining("outside 0..2")
                    .hasMessageContaining("shardingTotalCount is 3");
        }

        @Test
        void aDuplicateItemIsRefused() {
            assertThatThrownBy(() -> valid().shardingItemParameters("0=a,1=b,0=c").build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'shardingItemParameters'")
                    .hasMessageContaining("item 0 is given more than once");
        }

        @Test
        void validParametersAreKeptAsWrittenAndParsedInItemOrder() {
            JobConfiguration config = valid().shardingItemParameters("2=Guangzhou, 0=Beijing").build();

            assertThat(config.getShardingItemParameters()).isEqualTo("2=Guangzhou, 0=Beijing");
            assertThat(config.getShardingItemParameterMap()).containsExactly(Map.entry(0, "Beijing"), Map.entry(2, "Guangzhou"));
        }
    }

    @Nested
    class ExecutionControl {

        @ParameterizedTest
        @ValueSource(ints = {-1, 101, Integer.MAX_VALUE})
        void retriesOutsideZeroToAHundredAreRefused(int retries) {
            assertThatThrownBy(() -> valid().itemRetries(retries).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'itemRetries'").hasMessageContaining(String.valueOf(retries)).hasMessageContaining("100");
        }

        @ParameterizedTest
        @ValueSource(longs = {-1L, 60_001L})
        void aBackoffOutsideZeroToSixtySecondsIsRefused(long backoff) {
            assertThatThrownBy(() -> valid().itemRetryBackoffMillis(backoff).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'itemRetryBackoffMillis'").hasMessageContaining("60,000 ms");
        }

        @ParameterizedTest
        @ValueSource(longs = {-1L, 7L * 24 * 60 * 60 * 1000 + 1})
        void aTimeoutBelowZeroOrAboveSevenDaysIsRefused(long timeout) {
            assertThatThrownBy(() -> valid().itemTimeoutMillis(timeout).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'itemTimeoutMillis'").hasMessageContaining("7 days");
        }

        @Test
        void theLimitsThemselvesAreAccepted() {
            JobConfiguration config = valid().itemRetries(JobConfiguration.MAX_ITEM_RETRIES)
                    .itemRetryBackoffMillis(JobConfiguration.MAX_ITEM_RETRY_BACKOFF_MILLIS)
                    .itemTimeoutMillis(JobConfiguration.MAX_ITEM_TIMEOUT_MILLIS).keepCheckpointOnSuccess(true).build();

            assertThat(config.getItemRetries()).isEqualTo(100);
            assertThat(config.getItemRetryBackoffMillis()).isEqualTo(60_000L);
            assertThat(config.getItemTimeoutMillis()).isEqualTo(604_800_000L);
            assertThat(config.toBuilder().build()).isEqualTo(config);
            assertThat(config).isNotEqualTo(valid().build());
        }

        @Test
        void theAlarmHookIsLocalLikeMetrics() {
            io.cronshard.api.listener.JobAlarmListener alarms = alarm -> { };
            JobConfiguration config = valid().alarms(alarms).build();

            assertThat(config.getAlarms()).isSameAs(alarms);
            assertThat(config.toBuilder().build().getAlarms()).isSameAs(alarms);
            assertThat(config).isEqualTo(valid().build());
            assertThat(valid().alarms(null).build().getAlarms()).isSameAs(io.cronshard.api.listener.JobAlarmListener.NONE);
        }
    }

    @Nested
    class Numbers {

        @Test
        void maxTimeDiffSecondsBelowMinusOneIsRefused() {
            assertThatThrownBy(() -> valid().maxTimeDiffSeconds(-2).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'maxTimeDiffSeconds'")
                    .hasMessageContaining("-2")
                    .hasMessageContaining("must be -1 (no check) or at least 0");
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 0, 60})
        void maxTimeDiffSecondsOfMinusOneOrMoreIsAccepted(int seconds) {
            assertThat(valid().maxTimeDiffSeconds(seconds).build().getMaxTimeDiffSeconds()).isEqualTo(seconds);
        }

        @Test
        void aNegativeReconcileIntervalIsRefused() {
            assertThatThrownBy(() -> valid().reconcileIntervalMinutes(-1).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'reconcileIntervalMinutes'")
                    .hasMessageContaining("-1")
                    .hasMessageContaining("must be 0 (off) or more");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 1440})
        void aReconcileIntervalOfZeroOrMoreIsAccepted(int minutes) {
            assertThat(valid().reconcileIntervalMinutes(minutes).build().getReconcileIntervalMinutes()).isEqualTo(minutes);
        }
    }

    @Nested
    class PluggableTypes {

        @Test
        void anUnknownShardingStrategyIsRefusedListingTheKnownOnes() {
            assertThatThrownBy(() -> valid().jobShardingStrategyType("RANDOM").build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobShardingStrategyType'")
                    .hasMessageContaining("'RANDOM'")
                    .hasMessageContaining("known types: [")
                    .hasMessageContaining("AVG_ALLOCATION");
        }

        @Test
        void anUnknownExecutorServiceHandlerIsRefusedListingTheKnownOnes() {
            assertThatThrownBy(() -> valid().jobExecutorServiceHandlerType("GPU").build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobExecutorServiceHandlerType'")
                    .hasMessageContaining("'GPU'")
                    .hasMessageContaining("known types: [")
                    .hasMessageContaining("CPU");
        }

        @Test
        void anUnknownErrorHandlerIsRefusedListingTheKnownOnes() {
            assertThatThrownBy(() -> valid().jobErrorHandlerType("EMAIL").build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobErrorHandlerType'")
                    .hasMessageContaining("'EMAIL'")
                    .hasMessageContaining("known types: [")
                    .hasMessageContaining("LOG");
        }

        @Test
        void aBlankListenerTypeIsRefused() {
            assertThatThrownBy(() -> valid().jobListenerTypes("audit", " ").build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobListenerTypes'")
                    .hasMessageContaining("must not be blank");
            assertThatThrownBy(() -> valid().jobListenerTypes("audit", null).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'jobListenerTypes'");
        }

        @Test
        void listenerTypesKeepTheirOrder() {
            assertThat(valid().jobListenerTypes("b", "a", "c").build().getJobListenerTypes()).containsExactly("b", "a", "c");
        }
    }

    @Nested
    class Props {

        @Test
        void aBlankPropertyNameIsRefused() {
            assertThatThrownBy(() -> valid().setProperty(" ", "v"))
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'props'")
                    .hasMessageContaining("must not be blank");
        }

        @Test
        void aNullValueRemovesTheProperty() {
            JobConfiguration config = valid().setProperty("a", "1").setProperty("b", "2").setProperty("a", null).build();

            assertThat(config.getProps()).containsExactly(Map.entry("b", "2"));
            assertThat(config.getProperty("a")).isNull();
        }

        @Test
        void propsCannotBeChangedThroughTheConfiguration() {
            JobConfiguration config = valid().setProperty("a", "1").build();

            assertThatThrownBy(() -> config.getProps().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> config.getProps().remove("a")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> config.getJobListenerTypes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void changingTheBuilderAfterBuildDoesNotChangeTheBuiltConfiguration() {
            JobConfiguration.Builder builder = valid().setProperty("a", "1");
            JobConfiguration config = builder.build();

            builder.setProperty("a", "changed").setProperty("b", "2");

            assertThat(config.getProps()).containsExactly(Map.entry("a", "1"));
        }

        @Test
        void changingTheListenerArrayAfterSettingItDoesNotChangeTheConfiguration() {
            String[] listeners = {"audit", "metrics"};
            JobConfiguration.Builder builder = valid().jobListenerTypes(listeners);
            listeners[0] = "changed";

            assertThat(builder.build().getJobListenerTypes()).containsExactly("audit", "metrics");
        }

        @Test
        void propsKeepTheirInsertionOrder() {
            JobConfiguration config = valid().setProperty("z", "1").setProperty("a", "2").setProperty("m", "3").build();

            assertThat(config.getProps().keySet()).containsExactly("z", "a", "m");
        }
    }

    /** Every size has a limit, checked before anything else: the largest accepted, one more refused with field, size and limit. */
    @Nested
    class Limits {

        private void refusedNaming(JobConfiguration.Builder builder, String field, String size, String limit) {
            assertThatThrownBy(builder::build)
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'" + field + "'")
                    .hasMessageContaining(size)
                    .hasMessageContaining(limit)
                    .satisfies(ex -> assertThat(ex.getMessage()).as("a short message").hasSizeLessThan(400));
        }

        @Test
        void shardingTotalCountUpToTheLimitIsAccepted() {
            assertThat(JobConfiguration.newBuilder("j", JobConfiguration.MAX_SHARDING_TOTAL_COUNT).build().getShardingTotalCount())
                    .isEqualTo(50_000);
            assertThatThrownBy(() -> JobConfiguration.newBuilder("j", 50_001).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'shardingTotalCount'").hasMessageContaining("50001").hasMessageContaining("50,000");
        }

        @Test
        void jobName() {
            assertThat(JobConfiguration.newBuilder("n".repeat(128), 1).build().getJobName()).hasSize(128);
            refusedNaming(JobConfiguration.newBuilder("n".repeat(129), 1), "jobName", "129 characters", "at most 128");
            refusedNaming(JobConfiguration.newBuilder("n".repeat(1_100_000), 1), "jobName", "1,100,000 characters", "at most 128");
        }

        @Test
        void jobParameter() {
            assertThat(valid().jobParameter("p".repeat(65_536)).build().getJobParameter()).hasSize(65_536);
            refusedNaming(valid().jobParameter("p".repeat(65_537)), "jobParameter", "65,537 bytes", "at most 65,536 bytes");
            refusedNaming(valid().jobParameter("p".repeat(2 * 1024 * 1024)), "jobParameter", "2,097,152 bytes", "at most 65,536 bytes");
            // bytes of UTF-8, not characters
            refusedNaming(valid().jobParameter("é".repeat(32_769)), "jobParameter", "65,538 bytes", "at most 65,536 bytes");
        }

        @Test
        void shardingItemParameters() {
            StringBuilder parameters = new StringBuilder();
            for (int item = 0; item < 3; item++) {
                parameters.append(item == 0 ? "" : ",").append(item).append('=');
            }
            String fits = parameters + "x".repeat(131_072 - parameters.length());
            assertThat(valid().shardingItemParameters(fits).build().getShardingItemParameters()).hasSize(131_072);
            refusedNaming(valid().shardingItemParameters(fits + "x"), "shardingItemParameters", "131,073 bytes", "at most 131,072 bytes");
        }

        @Test
        void descriptionCronAndTimeZone() {
            refusedNaming(valid().description("d".repeat(8_193)), "description", "8,193 bytes", "at most 8,192 bytes");
            refusedNaming(valid().cron("0/5 * * * * ?" + " ".repeat(300) + "x"), "cron", "characters", "at most 256");
            refusedNaming(valid().timeZone("Z".repeat(65)), "timeZone", "65 characters", "at most 64");
        }

        @Test
        void properties() {
            JobConfiguration.Builder many = valid();
            for (int i = 0; i < 64; i++) {
                many.setProperty("key" + i, "v");
            }
            assertThat(many.build().getProps()).hasSize(64);
            refusedNaming(many.setProperty("one.more", "v"), "props", "65 properties", "at most 64");
            refusedNaming(valid().setProperty("k".repeat(257), "v"), "props", "257 characters", "at most 256");
            refusedNaming(valid().setProperty("big", "v".repeat(65_537)), "props[big]", "65,537 bytes", "at most 65,536 bytes");
        }

        @Test
        void typeNames() {
            refusedNaming(valid().jobErrorHandlerType("T".repeat(129)), "jobErrorHandlerType", "129 characters", "at most 128");
            String[] types = new String[33];
            java.util.Arrays.fill(types, "audit");
            refusedNaming(valid().jobListenerTypes(types), "jobListenerTypes", "33 listener types", "at most 32");
        }

        @Test
        void theWholeStoredFormHasALimitToo() {
            JobConfiguration.Builder builder = valid().jobParameter("p".repeat(65_536)).shardingItemParameters("0=" + "a".repeat(131_000));
            for (int i = 0; i < 2; i++) {
                builder.setProperty("value" + i, "v".repeat(65_536));
            }
            assertThatThrownBy(builder::build)
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'orderSync'")
                    .hasMessageContaining("stored form")
                    .hasMessageContaining("at most 262,144 bytes");
        }

        @Test
        void aStoredConfigurationAtEveryFieldLimitStillFitsWhenSmallEnough() {
            JobConfiguration config = valid().jobParameter("p".repeat(65_536)).description("d".repeat(8_192)).build();
            assertThat(io.cronshard.internal.config.JobConfigurationJson.toJson(config).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThan(JobConfiguration.MAX_STORED_BYTES);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0/0 * * * * ?", "* 0/00 * * * ?", "0/5 * * * * ?/0", "*/0 * * * * ?"})
        void aZeroIncrementInACronIsRefused(String cron) {
            assertThatThrownBy(() -> valid().cron(cron).build())
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("'cron'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0/10 * * * * ?", "0 0/30 * * * ?", "0 0 10/1 * * ?"})
        void incrementsFromOneAreAccepted(String cron) {
            assertThat(valid().cron(cron).build().getCron()).isEqualTo(cron);
        }
    }

    @Nested
    class CopiesAndEquality {

        @Test
        void toBuilderRoundTripGivesAnEqualConfiguration() {
            JobConfiguration original = fullyPopulated();

            JobConfiguration copy = original.toBuilder().build();

            assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
            assertThat(copy.toString()).isEqualTo(original.toString());
        }

        @Test
        void toBuilderOfDefaultsRoundTripsToo() {
            JobConfiguration original = JobConfiguration.newBuilder("j", 1).build();

            assertThat(original.toBuilder().build()).isEqualTo(original);
        }

        @Test
        void toBuilderGivesAnIndependentModifiedCopy() {
            JobConfiguration original = fullyPopulated();

            JobConfiguration changed = original.toBuilder().cron("0 0 * * * ?").setProperty("extra", "1").build();

            assertThat(changed.getCron()).isEqualTo("0 0 * * * ?");
            assertThat(changed.getProps()).containsEntry("extra", "1").containsEntry("streaming.process", "true");
            assertThat(changed.getDescription()).isEqualTo(original.getDescription());
            assertThat(original.getCron()).isEqualTo("0 0/10 * * * ?");
            assertThat(original.getProps()).doesNotContainKey("extra");
        }

        @Test
        void configurationsWithTheSameValuesAreEqual() {
            assertThat(fullyPopulated()).isEqualTo(fullyPopulated()).hasSameHashCodeAs(fullyPopulated());
            assertThat(fullyPopulated()).isNotEqualTo(null).isNotEqualTo("orderSync");
        }

        @Test
        void aDifferenceInAnyFieldMakesThemUnequal() {
            JobConfiguration base = fullyPopulated();
            List<JobConfiguration> variants = List.of(
                    JobConfiguration.newBuilder("otherJob", 4).build(),
                    base.toBuilder().cron("0 0 * * * ?").build(),
                    base.toBuilder().cron(null).build(),
                    base.toBuilder().timeZone("UTC").build(),
                    base.toBuilder().shardingItemParameters("0=x").build(),
                    base.toBuilder().jobParameter("other").build(),
                    base.toBuilder().monitorExecution(true).build(),
                    base.toBuilder().failover(false).build(),
                    base.toBuilder().misfire(true).build(),
                    base.toBuilder().maxTimeDiffSeconds(31).build(),
                    base.toBuilder().reconcileIntervalMinutes(1).build(),
                    base.toBuilder().jobListenerTypes("metrics", "audit").build(),
                    base.toBuilder().description("other").build(),
                    base.toBuilder().setProperty("extra", "1").build(),
                    base.toBuilder().disabled(false).build(),
                    base.toBuilder().overwrite(false).build());

            for (JobConfiguration each : variants) {
                assertThat(each).as(each.toString()).isNotEqualTo(base);
            }
        }
    }
}

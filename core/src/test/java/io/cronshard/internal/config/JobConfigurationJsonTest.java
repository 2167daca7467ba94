package io.cronshard.internal.config;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigurationJsonTest {

    private static JobConfiguration fullyPopulated() {
        return JobConfiguration.newBuilder("orderSync", 4)
                .cron("0 0/10 * * * ?")
                .timeZone("Asia/Shanghai")
                .shardingItemParameters("0=Beijing,1=Shanghai,2=Guangzhou,3=Shenzhen")
                .jobParameter("batch=100 \"quoted\" <html> & ünïcødé")
                .monitorExecution(false)
                .failover(true)
                .misfire(false)
                .maxTimeDiffSeconds(30)
                .reconcileIntervalMinutes(0)
                .jobShardingStrategyType("AVG_ALLOCATION")
                .jobExecutorServiceHandlerType("CPU")
                .jobErrorHandlerType("LOG")
                .jobListenerTypes("audit", "metrics")
                .description("syncs orders\nper city")
                .setProperty("streaming.process", "true")
                .setProperty("script.command.line", "echo 'hi'")
                .disabled(true)
                .overwrite(true)
                .itemRetries(3)
                .itemRetryBackoffMillis(250)
                .itemTimeoutMillis(90_000)
                .keepCheckpointOnSuccess(true)
                .build();
    }

    @Test
    void aFullyPopulatedConfigurationSurvivesTheRoundTrip() {
        JobConfiguration original = fullyPopulated();

        JobConfiguration read = JobConfigurationJson.fromJson(JobConfigurationJson.toJson(original));

        assertThat(read).isEqualTo(original);
        assertThat(read.getProps().keySet()).containsExactly("streaming.process", "script.command.line");
    }

    @Test
    void aDefaultConfigurationSurvivesTheRoundTrip() {
        JobConfiguration original = JobConfiguration.newBuilder("j", 1).build();

        assertThat(JobConfigurationJson.fromJson(JobConfigurationJson.toJson(original))).isEqualTo(original);
    }

    @Test
    void theJsonUsesTheBuildersFieldNamesInTheirOrder() {
        JsonObject json = JsonParser.parseString(JobConfigurationJson.toJson(fullyPopulated())).getAsJsonObject();

        assertThat(json.keySet()).containsExactly("jobName", "shardingTotalCount", "cron", "timeZone", "shardingItemParameters",
                "jobParameter", "monitorExecution", "failover", "misfire", "maxTimeDiffSeconds", "reconcileIntervalMinutes",
                "jobShardingStrategyType", "jobExecutorServiceHandlerType", "jobErrorHandlerType", "jobListenerTypes",
                "description", "props", "disabled", "overwrite", "itemRetries", "itemRetryBackoffMillis", "itemTimeoutMillis",
                "keepCheckpointOnSuccess");
        assertThat(json.get("shardingTotalCount").getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(json.get("monitorExecution").getAsJsonPrimitive().isBoolean()).isTrue();
        assertThat(json.get("jobListenerTypes").isJsonArray()).isTrue();
        assertThat(json.get("props").isJsonObject()).isTrue();
        assertThat(json.getAsJsonObject("props").get("streaming.process").getAsString()).isEqualTo("true");
    }

    @Test
    void absentValuesAreLeftOut() {
        String json = JobConfigurationJson.toJson(JobConfiguration.newBuilder("j", 1).build());

        assertThat(JsonParser.parseString(json).getAsJsonObject().keySet()).doesNotContain("cron", "timeZone");
        assertThat(json).doesNotContain("null");
    }

    @Test
    void theJsonIsOneReadableLine() {
        String json = JobConfigurationJson.toJson(fullyPopulated());

        assertThat(json).doesNotContain("\n").contains("<html> & ünïcødé").startsWith("{\"jobName\":\"orderSync\",\"shardingTotalCount\":4,");
    }

    @Test
    void aMinimalStoredConfigurationGetsEveryDefault() {
        JobConfiguration read = JobConfigurationJson.fromJson("{\"jobName\":\"j\",\"shardingTotalCount\":3}");

        assertThat(read).isEqualTo(JobConfiguration.newBuilder("j", 3).build());
        assertThat(read.isMonitorExecution()).isTrue();
        assertThat(read.isFailover()).isFalse();
        assertThat(read.isMisfire()).isTrue();
        assertThat(read.getMaxTimeDiffSeconds()).isEqualTo(-1);
        assertThat(read.getReconcileIntervalMinutes()).isEqualTo(10);
        assertThat(read.getJobShardingStrategyType()).isEqualTo("AVG_ALLOCATION");
        assertThat(read.getJobExecutorServiceHandlerType()).isEqualTo("CPU");
        assertThat(read.getJobErrorHandlerType()).isEqualTo("LOG");
        assertThat(read.getTimeZone()).isNull();
        assertThat(read.getCron()).isNull();
        assertThat(read.isOverwrite()).isFalse();
        assertThat(read.isDisabled()).isFalse();
        assertThat(read.getJobParameter()).isEmpty();
        assertThat(read.getDescription()).isEmpty();
        assertThat(read.getShardingItemParameters()).isEmpty();
        assertThat(read.getJobListenerTypes()).isEmpty();
        assertThat(read.getProps()).isEmpty();
    }

    @Test
    void explicitNullsMeanTheDefaultToo() {
        JobConfiguration read = JobConfigurationJson.fromJson("{\"jobName\":\"j\",\"shardingTotalCount\":3,\"cron\":null,"
                + "\"monitorExecution\":null,\"jobListenerTypes\":null,\"props\":{\"a\":null,\"b\":\"2\"}}");

        assertThat(read).isEqualTo(JobConfiguration.newBuilder("j", 3).setProperty("b", "2").build());
    }

    @Test
    void typeNamesAreStoredCanonically() {
        JobConfiguration read = JobConfigurationJson.fromJson(
                "{\"jobName\":\"j\",\"shardingTotalCount\":1,\"jobShardingStrategyType\":\"avg_allocation\",\"jobErrorHandlerType\":\"log\"}");

        assertThat(read.getJobShardingStrategyType()).isEqualTo("AVG_ALLOCATION");
        assertThat(read.getJobErrorHandlerType()).isEqualTo("LOG");
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        JobConfiguration read = JobConfigurationJson.fromJson("{\"jobName\":\"j\",\"shardingTotalCount\":2,"
                + "\"someFutureFlag\":true,\"nested\":{\"x\":[1,2,{\"y\":null}]},\"jobType\":\"SIMPLE\",\"misfire\":false}");

        assertThat(read).isEqualTo(JobConfiguration.newBuilder("j", 2).misfire(false).build());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"jobName\":\"j\",\"shardingTotalCount\":0}                                      | shardingTotalCount",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"cron\":\"0 0 25 * * ?\"}            | cron",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"timeZone\":\"Mars/Olympus\"}        | timeZone",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"shardingItemParameters\":\"5=x\"}   | shardingItemParameters",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"maxTimeDiffSeconds\":-2}            | maxTimeDiffSeconds",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"reconcileIntervalMinutes\":-1}      | reconcileIntervalMinutes",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"jobShardingStrategyType\":\"NOPE\"} | jobShardingStrategyType",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"jobExecutorServiceHandlerType\":\"NOPE\"} | jobExecutorServiceHandlerType",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"jobErrorHandlerType\":\"NOPE\"}     | jobErrorHandlerType",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"jobListenerTypes\":[\"a\",\" \"]}    | jobListenerTypes",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"props\":{\" \":\"v\"}}               | props",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"itemRetries\":101}                | itemRetries",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"itemRetryBackoffMillis\":60001}   | itemRetryBackoffMillis",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"itemTimeoutMillis\":-1}            | itemTimeoutMillis",
    })
    void anInvalidStoredValueIsRefusedLikeTheBuilderWouldNamingJobAndField(String json, String field) {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageStartingWith("Stored configuration of job 'j' is not valid: ")
                .hasMessageContaining("'" + field + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"jobName\":\"j\",\"shardingTotalCount\":\"3\"}                        | 'shardingTotalCount' must be an integer, got the string \"3\"",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2.5}                          | 'shardingTotalCount' must be an integer between",
            "{\"jobName\":\"j\",\"shardingTotalCount\":99999999999}                  | 'shardingTotalCount' must be an integer between",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"monitorExecution\":\"yes\"} | 'monitorExecution' must be true or false, got the string \"yes\"",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"failover\":1}               | 'failover' must be true or false, got the number 1",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"cron\":5}                   | 'cron' must be a string, got the number 5",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"description\":{}}           | 'description' must be a string, got an object",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"jobListenerTypes\":\"a\"}   | 'jobListenerTypes' must be an array of strings, got the string \"a\"",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"jobListenerTypes\":[\"a\",1]} | 'jobListenerTypes[1]' must be a string, got the number 1",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"props\":[]}                 | 'props' must be an object of string values, got an array",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"props\":{\"timeout\":30}}   | 'props.timeout' must be a string, got the number 30",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"itemTimeoutMillis\":\"5s\"}  | 'itemTimeoutMillis' must be an integer, got the string \"5s\"",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"itemRetryBackoffMillis\":1.5} | 'itemRetryBackoffMillis' must be an integer between",
            "{\"jobName\":\"j\",\"shardingTotalCount\":2,\"keepCheckpointOnSuccess\":1}  | 'keepCheckpointOnSuccess' must be true or false, got the number 1",
    })
    void aStoredValueOfTheWrongJsonTypeIsRefusedNotCoerced(String json, String message) {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageStartingWith("Stored configuration of job 'j' is not valid: ")
                .hasMessageContaining(message);
    }

    @Test
    void aMissingJobNameIsRefused() {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson("{\"shardingTotalCount\":3}"))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessage("Stored job configuration is missing 'jobName'");
    }

    @Test
    void aMissingShardingTotalCountIsRefused() {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson("{\"jobName\":\"x\",\"cron\":\"0/5 * * * * ?\"}"))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessage("Stored configuration of job 'x' is missing 'shardingTotalCount'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"jobName\":\"x\",\"shardingTotalCount\":3",
            "{\"jobName\":\"x\" \"shardingTotalCount\":3}",
            "{jobName:'x',shardingTotalCount:3}",
            "{\"jobName\":\"x\",\"shardingTotalCount\":3} trailing",
            "{\"jobName\":\"x\",\"shardingTotalCount\":3}{}",
            "not json at all"})
    void malformedJsonIsRefused(String json) {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageStartingWith("Stored job configuration is not valid JSON: ")
                .hasMessageContaining(" at line 1 column ")
                .hasMessageEndingWith("; stored value: " + json)
                .hasMessageNotContainingAny("setStrictness", "Troubleshooting", "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"jobName\":\"x\",\"shardingTotalCount\":3,\"shardingTotalCount\":30}",
            "{\"jobName\":\"x\",\"shardingTotalCount\":3,\"props\":{\"a\":\"1\",\"a\":\"2\"}}"})
    void aNameGivenTwiceIsRefusedRatherThanGuessingWhichOneCounts(String json) {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageStartingWith("Stored job configuration is not valid JSON: ")
                .hasMessageContaining("is given more than once");
    }

    @Test
    void deeplyNestedUnknownValuesAreRefusedWithoutOverflowingTheStack() {
        String json = "{\"jobName\":\"x\",\"shardingTotalCount\":3,\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"config\"", "3", "null"})
    void jsonThatIsNotAnObjectIsRefused(String json) {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessage("Stored job configuration is not a JSON object: " + json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void anEmptyValueIsRefused(String json) {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("is empty")
                .hasMessageContaining("'jobName' and 'shardingTotalCount'");
        assertThatThrownBy(() -> JobConfigurationJson.fromJson(null)).isInstanceOf(JobConfigurationException.class);
    }

    @Test
    void aLongMalformedValueIsAbbreviatedInTheMessage() {
        String json = "{\"description\":\"" + "x".repeat(1000);

        assertThatThrownBy(() -> JobConfigurationJson.fromJson(json))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageEndingWith("x".repeat(10) + "...")
                .satisfies(ex -> assertThat(ex.getMessage()).hasSizeLessThan(500));
    }

    @Test
    void readingForAKnownJobNamesItEvenWhenTheJsonIsUnreadable() {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson("orderSync", "{broken"))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageStartingWith("Stored configuration of job 'orderSync' is not valid JSON: ");
    }

    @Test
    void readingForAKnownJobRefusesAConfigurationOfAnotherJob() {
        assertThatThrownBy(() -> JobConfigurationJson.fromJson("orderSync", "{\"jobName\":\"billing\",\"shardingTotalCount\":1}"))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessage("Stored configuration of job 'orderSync' names another job: 'jobName' is 'billing'");
    }

    @Test
    void readingForAKnownJobAcceptsItsOwnConfiguration() {
        JobConfiguration original = fullyPopulated();

        assertThat(JobConfigurationJson.fromJson("orderSync", JobConfigurationJson.toJson(original))).isEqualTo(original);
    }

    @Test
    void everyFieldOfTheStoredFormIsReadBack() {
        // guards against a field added to the JSON but forgotten on the way back
        JobConfiguration original = fullyPopulated();
        JobConfiguration defaults = JobConfiguration.newBuilder("orderSync", 4).build();
        JsonObject json = JsonParser.parseString(JobConfigurationJson.toJson(original)).getAsJsonObject();

        List<String> fieldsThatDifferFromDefaults = json.keySet().stream()
                .filter(each -> !each.equals("jobName") && !each.equals("shardingTotalCount"))
                .filter(each -> {
                    JsonObject single = new JsonObject();
                    single.addProperty("jobName", "orderSync");
                    single.addProperty("shardingTotalCount", 4);
                    single.add(each, json.get(each));
                    return !JobConfigurationJson.fromJson(single.toString()).equals(defaults);
                })
                .collect(Collectors.toList());

        assertThat(fieldsThatDifferFromDefaults).containsExactlyInAnyOrder("cron", "timeZone", "shardingItemParameters",
                "jobParameter", "monitorExecution", "failover", "misfire", "maxTimeDiffSeconds", "reconcileIntervalMinutes",
                "jobListenerTypes", "description", "props", "disabled", "overwrite", "itemRetries", "itemRetryBackoffMillis",
                "itemTimeoutMillis", "keepCheckpointOnSuccess");
    }
}

package io.cronshard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;

import io.cronshard.api.JobConfiguration;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page and every control of the console, end to end in one real headless Chromium against one console, a
 * real ZooKeeper with running jobs and an event-trace database holding an hour of earlier history
 * ({@link TraceHistorySeed}) plus what the jobs trace while the test runs. After each test the browser's console
 * log must hold no error: a page that throws, or a script or stylesheet that does not load, fails the test
 * (responses the test provokes on purpose, such as a guest's 403, are read off the log where they happen).
 *
 * <p>Browser: {@code -Dcronshard.chrome=…} / {@code CRONSHARD_CHROME} (default {@code /usr/bin/chromium}) and
 * {@code -Dcronshard.chromedriver=…} / {@code CRONSHARD_CHROMEDRIVER} (default {@code /usr/bin/chromedriver}).
 * Without a chromedriver the tests skip, unless {@code CRONSHARD_REQUIRE_BROWSER=true} (CI) makes that a failure.
 * Screenshots go to {@code target/screenshots}, or to {@code -Dcronshard.screenshots=DIR} (docs/console.md says
 * how the documentation's are made).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String TRACE_URL = "jdbc:h2:mem:console-browser-history;DB_CLOSE_DELAY=-1";
    private static final String RC_PATH = "/api/registry-centers/" + ConsoleFixture.RC;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> JOBS = List.of("orders", "reports", "failing-invoices", "doomed", "removable");

    private static ConsoleFixture fixture;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path screenshots;
    /** Whole pages only when the documentation's screenshots are made (growing the window takes a second). */
    private static boolean wholePages;

    @BeforeAll
    static void start() throws Exception {
        Path chromedriver = Path.of(setting("cronshard.chromedriver", "CRONSHARD_CHROMEDRIVER", "/usr/bin/chromedriver"));
        Path chrome = Path.of(setting("cronshard.chrome", "CRONSHARD_CHROME", "/usr/bin/chromium"));
        String missing = "the browser tests need " + chromedriver + " (apt-get install chromium chromium-driver; .ci/run does, "
                + "or set CRONSHARD_CHROME / CRONSHARD_CHROMEDRIVER)";
        if (Boolean.parseBoolean(setting("cronshard.browser.required", "CRONSHARD_REQUIRE_BROWSER", "false"))) {
            assertThat(Files.isExecutable(chromedriver)).as(missing).isTrue();
        }
        Assumptions.assumeTrue(Files.isExecutable(chromedriver), "Skipping: " + missing);
        String screenshotDir = setting("cronshard.screenshots", "CRONSHARD_SCREENSHOTS", null);
        wholePages = screenshotDir != null;
        screenshots = Path.of(screenshotDir == null ? "target/screenshots" : screenshotDir);
        Files.createDirectories(screenshots);

        TraceHistorySeed.seed(TRACE_URL, List.of("orders", "reports", "failing-invoices"), Instant.now().minusSeconds(5));
        fixture = ConsoleFixture.withTracing(TRACE_URL, JOBS.toArray(String[]::new));

        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(chrome)) {
            options.setBinary(chrome.toFile());
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1000",
                "--disable-extensions", "--no-first-run", "--password-store=basic", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void noJavaScriptErrorsAndLoggedOut() {
        try {
            assertNoBrowserErrors();
        } finally {
            if (driver != null) {
                driver.manage().deleteAllCookies();
            }
        }
    }

    // ---------------------------------------------------------------- login

    @Test
    @Order(1)
    void loginPageSaysCronshardAndRefusesAWrongPassword() throws IOException {
        driver.get(fixture.baseUrl() + "/job.html?job=orders");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(driver.getTitle()).isEqualTo("Log in · Cronshard console");
        assertThat(driver.findElement(By.cssSelector("h1.login-brand")).getText()).startsWith("Cronshard");
        screenshot("console-login", false);
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("wrong");
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.urlContains("/login?error"));
        assertThat(driver.findElement(By.id("login-error")).getText()).contains("Wrong user name or password");
    }

    // ---------------------------------------------------------------- dashboard

    @Test
    @Order(2)
    void dashboardShowsRegistryCentersChartsAndTheWorstJobFirst() throws IOException {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        assertThat(driver.getTitle()).startsWith("Dashboard");
        By card = By.cssSelector(".card[data-center='" + ConsoleFixture.RC + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "Instances"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".card[data-center='" + ConsoleFixture.RC + "'] dd[data-figure='Jobs']"), "5"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".card[data-center='" + ConsoleFixture.RC + "'] dd[data-figure='failing']"), "1"));
        assertThat(chartTotal(".card[data-center='" + ConsoleFixture.RC + "'] canvas", 0)).isEqualTo(5);

        By worstFirst = By.cssSelector("#worst tbody tr:first-child");
        wait.until(ExpectedConditions.attributeToBe(worstFirst, "data-job", "failing-invoices"));
        assertThat(driver.findElement(By.cssSelector("#worst tbody tr:first-child td.status")).getText()).isEqualTo("FAILING");
        assertThat(Long.parseLong(driver.findElement(By.cssSelector("#worst tbody tr:first-child td.failures")).getText())).isGreaterThan(100);
        assertThat(driver.findElement(By.id("window-hour")).getAttribute("class")).contains("active");
        wait.until(d -> chartTotal("#chart-timeline", 0) > 300 && chartTotal("#chart-timeline", 1) > 100);
        assertThat(chartBucketsWithData("#chart-timeline")).as("the seeded hour spreads over the timeline").isGreaterThan(50);
        assertThat(chartLabels("#chart-executions").get(0)).isEqualTo("failing-invoices");
        assertThat(chartTotal("#chart-durations", 1)).as("p95 durations").isPositive();
        assertThat(chartTotal("#chart-latency", 0)).as("p50 fire latencies").isPositive();
        screenshot("console-dashboard", true);

        click(By.id("window-day"));
        wait.until(ExpectedConditions.attributeContains(By.id("window-day"), "class", "active"));
        wait.until(d -> chartLabels("#chart-timeline").size() == 48);
        assertThat(driver.getCurrentUrl()).endsWith("window=day");
        click(By.id("window-hour"));
        wait.until(d -> chartLabels("#chart-timeline").size() == 60);

        click(card);
        wait.until(ExpectedConditions.attributeContains(card, "class", "current"));
        click(By.cssSelector("#worst a[href='/job.html?job=orders']"));
        wait.until(ExpectedConditions.textToBe(By.id("job-name"), "orders"));
    }

    // ---------------------------------------------------------------- jobs list

    @Test
    @Order(3)
    void jobsListShowsLastFireNextFireAndTheFailingJob() throws IOException {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        click(By.linkText("Jobs"));
        By failing = By.cssSelector("tr[data-job='failing-invoices']");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-job='failing-invoices'] td.status"), "FAILING"));
        assertThat(driver.findElement(failing).findElement(By.cssSelector("td.status span")).getAttribute("title")).isEqualTo("ZooKeeper status: OK");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-job='failing-invoices'] td.last-fire"), "1 of 2 items failed"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-job='orders'] td.status"), "OK"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-job='orders'] td.last-fire"), "success"));
        assertThat(driver.findElement(By.cssSelector("tr[data-job='orders'] td.next-fire")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (in \\d s|due)");
        assertThat(driver.findElement(By.cssSelector("tr[data-job='orders'] td.last-fire")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d success");
        assertThat(driver.findElement(By.id("history-note")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("count")).getText()).isEqualTo("5 jobs");
        screenshot("console-jobs", true);
    }

    @Test
    @Order(4)
    void adminTriggersDisablesShutsDownAndRemovesJobsFromTheList() {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        driver.get(fixture.baseUrl() + "/jobs.html");
        By ordersStatus = By.cssSelector("tr[data-job='orders'] td.status");
        wait.until(ExpectedConditions.textToBe(ordersStatus, "OK"));

        clickAndConfirm(By.cssSelector("tr[data-job='orders'] button[data-action='trigger']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Done: Trigger orders now"));
        clickAndConfirm(By.cssSelector("tr[data-job='orders'] button[data-action='disable']"));
        wait.until(ExpectedConditions.textToBe(ordersStatus, "DISABLED"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-job='orders'] td.next-fire"), "disabled"));
        clickAndConfirm(By.cssSelector("tr[data-job='orders'] button[data-action='enable']"));
        wait.until(ExpectedConditions.textToBe(ordersStatus, "OK"));

        clickAndConfirm(By.cssSelector("tr[data-job='doomed'] button[data-action='shutdown']"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-job='doomed'] td.status"), "CRASHED"));
        clickAndConfirm(By.cssSelector("tr[data-job='doomed'] button[data-action='remove']"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-job='doomed']"), 0));
        assertThat(jobNames()).doesNotContain("doomed");
    }

    // ---------------------------------------------------------------- one job

    @Test
    @Order(5)
    void jobPageShowsItemsLastRunsAndDurationsAndEditsTheConfiguration() throws IOException {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        driver.get(fixture.baseUrl() + "/job.html?job=failing-invoices");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#items tbody tr[data-item]"), 2));
        wait.until(ExpectedConditions.textToBe(By.id("job-status"), "FAILING"));
        By item1Run = By.cssSelector("#items tr[data-item='1'] td.last-run");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(item1Run, "failure"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(item1Run, "IllegalStateException: item 1 of failing-invoices fails on purpose"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#items tr[data-item='0'] td.last-run"), "success"));
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#items tr[data-item='0'] td.last-duration"), Pattern.compile("\\d+ ms")));
        wait.until(d -> sparklinePoints(0) >= 2);
        assertThat(driver.findElement(By.cssSelector("#items tr[data-item='0'] td.next-fire")).getText()).matches("\\d{4}-.*");
        assertThat(driver.findElement(By.id("job-last-fire")).getText()).contains("failure (items 1)");
        assertThat(driver.findElement(By.id("job-last-hour")).getText()).matches("\\d+ runs, \\d+ failed, p50 .*");
        assertThat(driver.findElement(By.id("job-next-fire")).getText()).matches("\\d{4}-.* \\((in \\d s|due)\\)");

        driver.get(fixture.baseUrl() + "/job.html?job=orders");
        wait.until(ExpectedConditions.attributeToBe(By.id("field-cron"), "value", "0/1 * * * * ?"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#items tbody tr[data-item='0']"), "@-@"));
        WebElement cron = driver.findElement(By.id("field-cron"));
        cron.clear();
        cron.sendKeys("every five seconds");
        driver.findElement(By.id("field-shardingTotalCount")).clear();
        driver.findElement(By.id("field-shardingTotalCount")).sendKeys("zero");
        driver.findElement(By.id("config-save")).click();
        wait.until(ExpectedConditions.textMatches(By.id("error-cron"), Pattern.compile("Invalid 'cron'.*")));
        assertThat(driver.findElement(By.id("error-shardingTotalCount")).getText()).isEqualTo("Must be a whole number");
        assertThat(driver.findElement(By.cssSelector(".field[data-field='cron']")).getAttribute("class")).contains("invalid");
        assertThat(storedCron("orders")).isEqualTo("0/1 * * * * ?");
        drainBrowserLog();
        click(By.id("config-reload"));
        wait.until(ExpectedConditions.attributeToBe(By.id("field-cron"), "value", "0/1 * * * * ?"));
        assertThat(driver.findElement(By.id("error-cron")).getText()).isEmpty();

        cron = driver.findElement(By.id("field-cron"));
        cron.clear();
        cron.sendKeys("0/2 * * * * ?");
        driver.findElement(By.id("field-description")).clear();
        driver.findElement(By.id("field-description")).sendKeys("orders, every two seconds");
        driver.findElement(By.id("config-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Configuration saved."));
        await().atMost(WAIT).until(() -> "0/2 * * * * ?".equals(storedCron("orders")));
        wait.until(ExpectedConditions.textMatches(By.id("job-summary"), Pattern.compile("cron 0/2 \\* \\* \\* \\* \\?.*")));

        By item1Status = By.cssSelector("#items tr[data-item='1'] td.status");
        clickAndConfirm(By.cssSelector("#items tr[data-item='1'] button[data-action='disable-item']"));
        wait.until(ExpectedConditions.textToBe(item1Status, "DISABLED"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#items tr[data-item='1'] td.next-fire"), "–"));
        clickAndConfirm(By.cssSelector("#items tr[data-item='1'] button[data-action='enable-item']"));
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(item1Status, "DISABLED")));

        clickAndConfirm(By.cssSelector("#job-actions button[data-action='trigger']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Done: Trigger orders now"));
        clickAndConfirm(By.cssSelector("#job-actions button[data-action='disable']"));
        wait.until(ExpectedConditions.textToBe(By.id("job-status"), "DISABLED"));
        clickAndConfirm(By.cssSelector("#job-actions button[data-action='enable']"));
        wait.until(ExpectedConditions.textToBe(By.id("job-status"), "OK"));

        driver.get(fixture.baseUrl() + "/job.html?job=removable");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-actions button[data-action='shutdown']")));
        clickAndDismiss(By.cssSelector("#job-actions button[data-action='shutdown']"));
        clickAndConfirm(By.cssSelector("#job-actions button[data-action='remove']"));
        wait.until(ExpectedConditions.urlToBe(fixture.baseUrl() + "/jobs.html"));
        await().atMost(WAIT).until(() -> !jobNames().contains("removable"));
        click(By.linkText("orders"));
        wait.until(ExpectedConditions.textToBe(By.id("job-name"), "orders"));
        click(By.cssSelector(".crumbs a"));
        wait.until(ExpectedConditions.urlToBe(fixture.baseUrl() + "/jobs.html"));
    }

    @Test
    @Order(6)
    void dumpViewShowsZooKeeperAndOneInstance() {
        login("guest", ConsoleFixture.GUEST_PASSWORD);
        driver.get(fixture.baseUrl() + "/job.html?job=orders");
        By instanceOption = By.cssSelector("#dump-instance option[value*='@-@']");
        wait.until(ExpectedConditions.presenceOfElementLocated(instanceOption));

        click(By.id("dump-button"));
        wait.until(ExpectedConditions.textMatches(By.id("dump"), Pattern.compile("(?s)# job orders as stored in ZooKeeper.*")));
        assertThat(driver.findElement(By.id("dump")).getText()).contains("config | {").contains("sharding/0/instance | ");

        String instance = driver.findElement(instanceOption).getAttribute("value");
        new Select(driver.findElement(By.id("dump-instance"))).selectByValue(instance);
        click(By.id("dump-button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dump"), "as seen by instance " + instance));
    }

    // ---------------------------------------------------------------- servers

    @Test
    @Order(7)
    void serversPageDisablesAndEnablesAServer() {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        click(By.linkText("Servers"));
        By server = By.cssSelector("#servers tbody tr[data-server]");
        wait.until(ExpectedConditions.numberOfElementsToBe(server, 1));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(server, "failing-invoices"));
        By disabled = By.cssSelector("#servers tbody tr[data-server] td.disabled-count");
        clickAndConfirm(By.cssSelector("#servers tbody tr[data-server] button[data-action='disable']"));
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(disabled, "0")));
        clickAndConfirm(By.cssSelector("#servers tbody tr[data-server] button[data-action='enable']"));
        wait.until(ExpectedConditions.textToBe(disabled, "0"));
        clickAndDismiss(By.cssSelector("#servers tbody tr[data-server] button[data-action='shutdown']"));
        assertThat(jobNames()).contains("orders", "reports", "failing-invoices");
        click(By.cssSelector("#servers a.tag[href='/job.html?job=reports']"));
        wait.until(ExpectedConditions.textToBe(By.id("job-name"), "reports"));
    }

    // ---------------------------------------------------------------- history

    @Test
    @Order(8)
    void historyFiltersSortsPagesAndExpandsStackTraces() throws IOException {
        login("guest", ConsoleFixture.GUEST_PASSWORD);
        click(By.linkText("History"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#executions tbody tr[data-id]")));
        assertThat(driver.findElements(By.id("database-form"))).as("guests do not get the database form").isEmpty();
        assertThat(driver.findElement(By.id("database-current")).getText()).startsWith("jdbc:h2:mem:console-browser-history").contains("pool:");

        new Select(driver.findElement(By.id("f-success"))).selectByValue("false");
        type(By.id("f-jobName"), "failing-invoices");
        click(By.id("search"));
        wait.until(ExpectedConditions.urlContains("success=false"));
        By failedRow = By.cssSelector("#executions tbody tr[data-job='failing-invoices']");
        wait.until(ExpectedConditions.presenceOfElementLocated(failedRow));
        WebElement row = driver.findElement(failedRow);
        assertThat(row.findElement(By.cssSelector("td.result")).getText()).isEqualTo("failure");
        assertThat(row.findElement(By.cssSelector("td.duration")).getText()).matches("\\d+ ms");
        assertThat(row.findElement(By.cssSelector("td")).getText()).as("one-line timestamps").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        WebElement cause = row.findElement(By.cssSelector("details.cause"));
        assertThat(cause.findElement(By.tagName("summary")).getText()).isEqualTo("java.lang.IllegalStateException: item 1 of failing-invoices fails on purpose");
        assertThat(cause.findElement(By.tagName("pre")).isDisplayed()).isFalse();
        cause.findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.visibilityOf(cause.findElement(By.tagName("pre"))));
        assertThat(cause.findElement(By.tagName("pre")).getText()).contains("at io.cronshard.").doesNotContain("fails on purpose");
        screenshot("console-history", true);
        String instance = row.findElement(By.cssSelector("td:nth-child(7)")).getText();
        String ip = row.findElement(By.cssSelector("td:nth-child(6)")).getText();

        String total = driver.findElement(By.id("count")).getText();
        assertThat(Long.parseLong(total.replace(" rows", ""))).isGreaterThan(20);
        assertThat(driver.findElement(By.id("prev")).isEnabled()).isFalse();
        click(By.id("next"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 2 of"));
        click(By.id("prev"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "Page 1 of"));

        type(By.id("f-instanceId"), instance);
        type(By.id("f-ip"), ip);
        type(By.id("f-shardingItem"), "1");
        new Select(driver.findElement(By.id("f-executionSource"))).selectByVisibleText("NORMAL");
        new Select(driver.findElement(By.id("f-sort"))).selectByValue("completeTime");
        new Select(driver.findElement(By.id("f-order"))).selectByValue("ASC");
        new Select(driver.findElement(By.id("f-size"))).selectByVisibleText("50");
        click(By.id("search"));
        wait.until(ExpectedConditions.urlContains("instanceId="));
        assertThat(driver.getCurrentUrl()).contains("shardingItem=1").contains("sort=completeTime").contains("order=ASC").contains("size=50");
        assertThat(driver.findElements(By.cssSelector("#executions tbody tr[data-id]"))).allSatisfy(each ->
                assertThat(each.findElement(By.cssSelector("td:nth-child(7)")).getText()).isEqualTo(instance));

        setDateTime("f-from", "2030-01-01T00:00:00");
        setDateTime("f-to", "2020-01-01T00:00:00");
        click(By.id("search"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "(400)"));
        assertThat(driver.findElement(By.id("count")).getText()).as("counts clear when a query fails").isEmpty();
        assertThat(driver.findElement(By.id("page-info")).getText()).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#executions tbody tr[data-id]"))).isEmpty();
        drainBrowserLog();

        click(By.id("clear-filters"));
        wait.until(ExpectedConditions.textMatches(By.id("count"), Pattern.compile("\\d+ rows")));
        assertThat(driver.findElement(By.id("f-jobName")).getAttribute("value")).isEmpty();
        click(By.id("tab-status"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status-traces tbody tr[data-job]")));
        new Select(driver.findElement(By.id("f-state"))).selectByVisibleText("ERROR");
        click(By.id("search"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#status-traces tbody tr:first-child td.state"), "ERROR"));
        click(By.id("tab-executions"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#executions tbody tr[data-id]")));
        click(By.cssSelector("#executions tbody tr[data-id] a"));
        wait.until(ExpectedConditions.urlContains("/job.html?job="));
    }

    @Test
    @Order(9)
    void adminSetsAndClearsTheTraceDatabaseOnTheHistoryPage() {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        driver.get(fixture.baseUrl() + "/history.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#executions tbody tr[data-id]")));
        click(By.cssSelector("#database summary"));
        type(By.id("database-url"), "jdbc:nosuchdriver:x");
        click(By.id("database-save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Cannot connect"));
        drainBrowserLog();

        clickAndConfirm(By.id("database-clear"));
        wait.until(ExpectedConditions.textToBe(By.id("database-current"), "none"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Event tracing is not configured"));
        driver.get(fixture.baseUrl() + "/jobs.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history-note")));
        assertThat(driver.findElement(By.id("history-note")).getText()).contains("need the event-trace database");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-job='orders'] td.last-fire"), "–"));
        driver.get(fixture.baseUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history-note")));

        driver.get(fixture.baseUrl() + "/history.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("database"), "open", "true"));
        type(By.id("database-url"), TRACE_URL);
        type(By.id("database-username"), "sa");
        type(By.id("database-password"), "");
        click(By.id("database-save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("database-current"), TRACE_URL));
        assertThat(driver.findElement(By.id("database-current")).getText()).contains("from the page");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#executions tbody tr[data-id]")));
    }

    // ---------------------------------------------------------------- registry centers and the header

    @Test
    @Order(10)
    void registryCentersAreAddedChosenInTheHeaderAndRemoved() {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        click(By.linkText("Registry centers"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#centers tr[data-center='" + ConsoleFixture.RC + "']")));
        type(By.id("rc-name"), "bad name!");
        driver.findElement(By.cssSelector("#add-center button[type='submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-name"), "letters"));
        assertThat(driver.findElement(By.id("error-namespace")).getText()).isNotEmpty();
        drainBrowserLog();

        type(By.id("rc-name"), "second");
        type(By.id("rc-servers"), fixture.connectString());
        type(By.id("rc-namespace"), "other-namespace");
        type(By.id("rc-digest"), "user:not-shown");
        driver.findElement(By.cssSelector("#add-center button[type='submit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#centers tr[data-center='second']")));
        assertThat(driver.findElement(By.cssSelector("#centers tr[data-center='second']")).getText()).contains("set (not shown)").doesNotContain("not-shown");
        assertThat(new Select(driver.findElement(By.id("rc-select"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("second");

        new Select(driver.findElement(By.id("rc-select"))).selectByValue(ConsoleFixture.RC);
        wait.until(d -> new Select(d.findElement(By.id("rc-select"))).getFirstSelectedOption().getAttribute("value").equals(ConsoleFixture.RC));
        click(By.cssSelector("#centers tr[data-center='second'] button[data-action='use']"));
        wait.until(ExpectedConditions.titleContains("Dashboard"));
        wait.until(ExpectedConditions.textToBe(By.id("rc-title"), "second"));
        driver.get(fixture.baseUrl() + "/jobs.html");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#jobs td.empty"), "No jobs in this namespace."));

        driver.get(fixture.baseUrl() + "/registry-centers.html");
        clickAndConfirm(By.cssSelector("#centers tr[data-center='second'] button[data-action='remove']"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#centers tr[data-center='second']"), 0));
        click(By.cssSelector(".brand"));
        wait.until(ExpectedConditions.textToBe(By.id("rc-title"), ConsoleFixture.RC));
    }

    // ---------------------------------------------------------------- guest, logout, every page

    @Test
    @Order(11)
    void guestReadsButIsRefusedOperations() {
        login("guest", ConsoleFixture.GUEST_PASSWORD);
        driver.get(fixture.baseUrl() + "/jobs.html");
        By reportsStatus = By.cssSelector("tr[data-job='reports'] td.status");
        wait.until(ExpectedConditions.textToBe(reportsStatus, "OK"));
        assertThat(driver.findElement(By.id("user")).getText()).contains("guest");
        assertThat(driver.findElements(By.cssSelector("tr[data-job='reports'] button"))).isEmpty();

        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Console.api('POST', '" + RC_PATH + "/jobs/reports/disable').then(r => done(r.status + ' ' + r.data.error), e => done('error ' + e));");
        assertThat(status).asString().startsWith("403 Forbidden: your role may not do this");
        Object configStatus = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Console.api('PUT', '" + RC_PATH + "/jobs/reports/config', {cron: '0 0 1 * * ?'}).then(r => done(r.status), e => done('error ' + e));");
        assertThat(configStatus).isEqualTo(403L);
        drainBrowserLog();
        wait.until(ExpectedConditions.textToBe(reportsStatus, "OK"));
        assertThat(storedCron("reports")).isEqualTo("0/1 * * * * ?");

        driver.get(fixture.baseUrl() + "/job.html?job=reports");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#items tbody tr[data-item]"), 2));
        assertThat(driver.findElements(By.id("config-save"))).isEmpty();
        assertThat(driver.findElement(By.id("field-cron")).isEnabled()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#job-actions button, #items button"))).isEmpty();
        driver.get(fixture.baseUrl() + "/registry-centers.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#centers tr[data-center]")));
        assertThat(driver.findElement(By.id("add-center")).isDisplayed()).isFalse();
    }

    @Test
    @Order(12)
    void everyPageRendersWithoutJavaScriptErrorsForBothRoles() {
        for (String[] user : List.of(new String[] {"admin", ConsoleFixture.ADMIN_PASSWORD}, new String[] {"guest", ConsoleFixture.GUEST_PASSWORD})) {
            login(user[0], user[1]);
            for (String page : List.of("/", "/jobs.html", "/job.html?job=orders", "/servers.html", "/history.html", "/registry-centers.html")) {
                driver.get(fixture.baseUrl() + page);
                wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
                assertNoBrowserErrors();
            }
            click(By.id("logout"));
            wait.until(ExpectedConditions.urlContains("/login?logout"));
            assertThat(driver.findElement(By.id("login-logout")).getText()).contains("logged out");
            driver.get(fixture.baseUrl() + "/jobs.html");
            wait.until(ExpectedConditions.urlContains("/login"));
        }
    }

    // ---------------------------------------------------------------- execution control (last: the job added stays out of the counts above)

    @Test
    @Order(13)
    void configurationEditorSavesTheExecutionControlFieldsAndShowsEachRefusedValuesLimit() {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        driver.get(fixture.baseUrl() + "/job.html?job=reports");
        wait.until(ExpectedConditions.attributeToBe(By.id("field-itemRetryBackoffMillis"), "value", "1000"));
        assertThat(driver.findElement(By.id("field-itemRetries")).getAttribute("value")).isEqualTo("0");
        assertThat(driver.findElement(By.id("field-itemTimeoutMillis")).getAttribute("value")).isEqualTo("0");
        assertThat(driver.findElement(By.id("field-keepCheckpointOnSuccess")).isSelected()).isFalse();
        assertThat(driver.findElement(By.id("unit-itemRetryBackoffMillis")).getText()).isEqualTo("ms = 1.00 s");
        assertThat(driver.findElement(By.id("help-itemTimeoutMillis")).getText()).contains("0 (default) for none").contains("7 days");
        assertThat(driver.findElement(By.id("help-keepCheckpointOnSuccess")).getText()).contains("clears its item's checkpoint");

        type(By.id("field-itemRetries"), "101");
        type(By.id("field-itemRetryBackoffMillis"), "60001");
        type(By.id("field-itemTimeoutMillis"), "604800001");
        driver.findElement(By.id("config-save")).click();
        wait.until(ExpectedConditions.textMatches(By.id("error-itemRetries"), Pattern.compile("Invalid 'itemRetries': 101; must be between 0 .* and 100.*")));
        assertThat(driver.findElement(By.id("error-itemRetryBackoffMillis")).getText()).startsWith("Invalid 'itemRetryBackoffMillis': 60001;")
                .contains("60,000 ms");
        assertThat(driver.findElement(By.id("error-itemTimeoutMillis")).getText()).startsWith("Invalid 'itemTimeoutMillis': 604800001;")
                .contains("7 days");
        assertThat(driver.findElement(By.cssSelector(".field[data-field='itemTimeoutMillis']")).getAttribute("class")).contains("invalid");
        assertThat(driver.findElement(By.id("message")).getText()).isEqualTo("Not saved: fix the fields marked in red.");
        assertThat(storedConfig("reports").getItemRetries()).isZero();
        drainBrowserLog();

        type(By.id("field-itemRetries"), "3");
        type(By.id("field-itemRetryBackoffMillis"), "250");
        type(By.id("field-itemTimeoutMillis"), "90000");
        assertThat(driver.findElement(By.id("unit-itemTimeoutMillis")).getText()).isEqualTo("ms = 1.5 min");
        click(By.id("field-keepCheckpointOnSuccess"));
        driver.findElement(By.id("config-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Configuration saved."));
        JobConfiguration stored = storedConfig("reports");
        assertThat(stored.getItemRetries()).isEqualTo(3);
        assertThat(stored.getItemRetryBackoffMillis()).isEqualTo(250);
        assertThat(stored.getItemTimeoutMillis()).isEqualTo(90_000);
        assertThat(stored.isKeepCheckpointOnSuccess()).isTrue();
        assertThat(driver.findElement(By.id("error-itemRetries")).getText()).isEmpty();
        wait.until(ExpectedConditions.attributeToBe(By.id("field-itemTimeoutMillis"), "value", "90000"));
        assertThat(driver.findElement(By.id("field-keepCheckpointOnSuccess")).isSelected()).isTrue();
    }

    @Test
    @Order(14)
    void jobPageShowsItemConditionsAndViewsAndClearsACheckpoint() throws Exception {
        try (ZookeeperRegistryCenter zk = new ZookeeperRegistryCenter(new ZookeeperConfiguration(fixture.connectString(), ConsoleFixture.NAMESPACE))) {
            zk.init();
            String instance = zk.getChildrenKeys("/failing-invoices/instances").get(0);
            long now = System.currentTimeMillis();
            zk.persist("/failing-invoices/sharding/0/overdue", "{\"instanceId\":\"" + instance + "\",\"reason\":\"TIMEOUT\",\"since\":" + (now - 95_000) + "}");
            // item 1 fails on every run, which keeps its checkpoint
            String checkpoint = "{\"invoice\":1042,\"page\":7}";
            zk.persist("/failing-invoices/sharding/1/checkpoint", "{\"checkpoint\":\"" + checkpoint.replace("\"", "\\\"") + "\",\"instanceId\":\""
                    + instance + "\",\"token\":4294967299,\"savedAt\":" + (now - 20_000) + "}");

            login("admin", ConsoleFixture.ADMIN_PASSWORD);
            driver.get(fixture.baseUrl() + "/job.html?job=failing-invoices");
            By overdue = By.cssSelector("#items tr[data-item='0'] td.conditions [data-condition='overdue']");
            wait.until(ExpectedConditions.textToBe(overdue, "overdue: timeout"));
            assertThat(driver.findElement(overdue).getAttribute("title")).contains(instance).contains("past its timeout").contains("ignores the interrupt");
            assertThat(driver.findElement(By.cssSelector("#items tr[data-item='0'] td.conditions .overdue-since")).getText())
                    .matches("running since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(driver.findElement(By.cssSelector("#items tr[data-item='0']")).getAttribute("title")).contains("Overdue");
            assertThat(driver.findElement(By.cssSelector("#items tr[data-item='0'] td.conditions")).getText()).doesNotContain("checkpoint");
            By view = By.cssSelector("#items tr[data-item='1'] button[data-action='view-checkpoint']");
            wait.until(ExpectedConditions.presenceOfElementLocated(view));
            assertThat(driver.findElement(By.cssSelector("#items tr[data-item='1'] td.conditions")).getText()).contains("checkpoint")
                    .doesNotContain("overdue");

            click(view);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("checkpoint-text")));
            assertThat(driver.findElement(By.id("checkpoint-item")).getText()).isEqualTo("1");
            assertThat(driver.findElement(By.id("checkpoint-text")).getText()).isEqualTo(checkpoint);
            assertThat(driver.findElement(By.id("checkpoint-instance")).getText()).isEqualTo(instance);
            assertThat(driver.findElement(By.id("checkpoint-token")).getText()).isEqualTo("4294967299");
            assertThat(driver.findElement(By.id("checkpoint-saved-at")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\(\\d+ (s|min) ago\\)");
            assertThat(driver.findElement(By.id("checkpoint-size")).getText()).isEqualTo(checkpoint.length() + " characters");
            screenshot("console-job", true);

            clickAndDismiss(By.id("checkpoint-clear"));
            assertThat(zk.isExisted("/failing-invoices/sharding/1/checkpoint")).isTrue();
            clickAndConfirm(By.id("checkpoint-clear"));
            wait.until(ExpectedConditions.textToBe(By.id("message"), "Done: Clear the checkpoint of item 1 so that its next run starts afresh"));
            assertThat(driver.findElement(By.id("checkpoint-none")).getText()).isEqualTo("Cleared: item 1's next run starts afresh.");
            assertThat(driver.findElement(By.id("checkpoint-text")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("checkpoint-clear")).isDisplayed()).isFalse();
            assertThat(zk.isExisted("/failing-invoices/sharding/1/checkpoint")).isFalse();
            wait.until(ExpectedConditions.numberOfElementsToBe(view, 0));
            click(By.id("checkpoint-reload"));
            wait.until(ExpectedConditions.textToBe(By.id("checkpoint-none"), "Item 1 has no checkpoint: its next run starts afresh."));
            drainBrowserLog();
            click(By.id("checkpoint-close"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("checkpoint")));
            zk.remove("/failing-invoices/sharding/0/overdue");
            wait.until(ExpectedConditions.numberOfElementsToBe(overdue, 0));

            // a job without instances, its nodes set as a runtime would: the other conditions, and what a guest may do
            try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(zk)) {
                api.updateJobConfiguration(JobConfiguration.newBuilder("cold", 2).cron("0 0 3 * * ?").build());
            }
            String dead = "10.0.0.99@-@4711";
            zk.persist("/cold/sharding/0/instance", dead);
            zk.persist("/cold/sharding/0/misfire", "");
            zk.persist("/cold/sharding/0/failover", dead);
            zk.persist("/cold/sharding/0/overdue", "{\"instanceId\":\"" + dead + "\",\"reason\":\"USUAL_DURATION\",\"since\":" + now + "}");
            zk.persist("/cold/sharding/1/instance", dead);
            zk.persist("/cold/sharding/1/checkpoint", "written by hand");
            driver.manage().deleteAllCookies();
            login("guest", ConsoleFixture.GUEST_PASSWORD);
            driver.get(fixture.baseUrl() + "/job.html?job=cold");
            By coldItem0 = By.cssSelector("#items tr[data-item='0'] td.conditions");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(coldItem0, "no live owner"));
            assertThat(driver.findElement(coldItem0).getText()).contains("overdue: usual duration\nrunning since ").contains("misfire pending")
                    .contains("failover").doesNotContain("checkpoint");
            assertThat(driver.findElement(By.cssSelector("#items tr[data-item='1'] td.conditions")).getText()).contains("no live owner")
                    .contains("checkpoint");
            assertThat(driver.findElement(By.id("job-last-scheduled")).getText()).matches("\\(the cron's last time: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00\\)");
            click(By.cssSelector("#items tr[data-item='1'] button[data-action='view-checkpoint']"));
            wait.until(ExpectedConditions.textToBe(By.id("checkpoint-text"), "written by hand"));
            assertThat(driver.findElement(By.id("checkpoint-instance")).getText()).isEqualTo("unknown (written by hand)");
            assertThat(driver.findElement(By.id("checkpoint-token")).getText()).isEqualTo("unknown");
            assertThat(driver.findElement(By.id("checkpoint-saved-at")).getText()).isEqualTo("–");
            assertThat(driver.findElement(By.id("checkpoint-clear")).isDisplayed()).as("clearing is an admin's").isFalse();
            zk.remove("/cold");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void login(String username, String password) {
        driver.get(fixture.baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
    }

    private static void type(By field, String text) {
        WebElement element = driver.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    private static void setDateTime(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    private static void clickAndConfirm(By button) {
        click(button);
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    private static void clickAndDismiss(By button) {
        click(button);
        Alert alert = wait.until(ExpectedConditions.alertIsPresent());
        alert.dismiss();
    }

    /** Clicks, finding the element again if a refresh replaced it in between. */
    private static void click(By locator) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    /** Sums one dataset of the Chart.js chart drawn on the canvas {@code selector}. */
    private static long chartTotal(String selector, int dataset) {
        Object result = ((JavascriptExecutor) driver).executeScript("const c = Chart.getChart(document.querySelector(arguments[0]));"
                + "return c ? c.data.datasets[arguments[1]].data.reduce((a, b) => a + (b || 0), 0) : -1;", selector, dataset);
        return ((Number) result).longValue();
    }

    private static long chartBucketsWithData(String selector) {
        Object result = ((JavascriptExecutor) driver).executeScript("const c = Chart.getChart(document.querySelector(arguments[0]));"
                + "return c.data.labels.filter((l, i) => c.data.datasets.some(d => d.data[i] > 0)).length;", selector);
        return ((Number) result).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartLabels(String selector) {
        Object result = ((JavascriptExecutor) driver).executeScript("const c = Chart.getChart(document.querySelector(arguments[0]));"
                + "return c ? c.data.labels : [];", selector);
        return (List<String>) result;
    }

    private static long sparklinePoints(int item) {
        Object result = ((JavascriptExecutor) driver).executeScript("const canvas = document.querySelector('#items tr[data-item=\"' + arguments[0]"
                + " + '\"] td.sparkline canvas'); const c = canvas && Chart.getChart(canvas); return c ? c.data.datasets[0].data.length : 0;", item);
        return ((Number) result).longValue();
    }

    /** Fails on any error in the browser's console log since the last look (uncaught exceptions, resources that did not load). */
    private static void assertNoBrowserErrors() {
        if (driver == null) {
            return;
        }
        List<String> errors = new ArrayList<>();
        for (LogEntry each : driver.manage().logs().get(LogType.BROWSER)) {
            if (each.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(each.getMessage());
            }
        }
        assertThat(errors).as("errors in the browser's console log on " + driver.getCurrentUrl()).isEmpty();
    }

    /** Reads the browser's log off after a step that provokes an error response on purpose. */
    private static void drainBrowserLog() {
        driver.manage().logs().get(LogType.BROWSER);
    }

    /** A screenshot of the whole page (the window grown to the page's height), into the screenshots directory. */
    private static void screenshot(String name, boolean wholePage) throws IOException {
        Dimension original = driver.manage().window().getSize();
        if (wholePage && wholePages) {
            long height = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new Dimension(original.getWidth(), (int) Math.min(2400, Math.max(original.getHeight(), height + 90))));
            sleep(400);
        }
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(original);
    }

    private static String storedCron(String job) {
        return storedConfig(job).getCron();
    }

    private static JobConfiguration storedConfig(String job) {
        try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(fixture.connectString(), ConsoleFixture.NAMESPACE, null)) {
            return api.getJobConfiguration(job);
        }
    }

    private static List<String> jobNames() {
        try (JobStatisticsAPI api = JobAPIFactory.createJobStatisticsAPI(fixture.connectString(), ConsoleFixture.NAMESPACE, null)) {
            return api.getAllJobsBriefInfo().stream().map(each -> each.jobName()).toList();
        }
    }

    private static String setting(String property, String environment, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

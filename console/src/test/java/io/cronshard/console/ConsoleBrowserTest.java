package io.cronshard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real headless Chromium (Debian's chromium and chromium-driver) against a real
 * ZooKeeper with running jobs. Screenshots go to {@code target/screenshots}.
 */
class ConsoleBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ConsoleFixture fixture;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "Skipping the browser tests: /usr/bin/chromedriver is absent (apt-get install chromium chromium-driver; .ci/run does)");
        Files.createDirectories(SCREENSHOTS);
        fixture = ConsoleFixture.withTracing("jdbc:h2:mem:console-browser-history;DB_CLOSE_DELAY=-1", "orders", "reports");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
                "--disable-extensions", "--no-first-run", "--password-store=basic");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void adminSeesDisablesAndEditsAJob() throws IOException {
        login("admin", ConsoleFixture.ADMIN_PASSWORD);
        By ordersStatus = By.cssSelector("tr[data-job='orders'] td.status");
        wait.until(ExpectedConditions.textToBe(ordersStatus, "OK"));
        assertThat(driver.findElement(By.id("user")).getText()).contains("admin");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-job='orders']"), "0/1 * * * * ?"));
        screenshot("1-jobs-admin");

        clickAndConfirm(By.cssSelector("tr[data-job='orders'] button[data-action='disable']"));
        wait.until(ExpectedConditions.textToBe(ordersStatus, "DISABLED"));
        screenshot("2-jobs-orders-disabled");
        clickAndConfirm(By.cssSelector("tr[data-job='orders'] button[data-action='enable']"));
        wait.until(ExpectedConditions.textToBe(ordersStatus, "OK"));

        click(By.linkText("orders"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#items tbody tr"), 2));
        wait.until(ExpectedConditions.attributeToBe(By.id("field-cron"), "value", "0/1 * * * * ?"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#items tbody tr[data-item='0']"), "@-@"));

        WebElement cron = driver.findElement(By.id("field-cron"));
        cron.clear();
        cron.sendKeys("every five seconds");
        driver.findElement(By.id("field-shardingTotalCount")).clear();
        driver.findElement(By.id("field-shardingTotalCount")).sendKeys("zero");
        driver.findElement(By.id("config-save")).click();
        wait.until(ExpectedConditions.textMatches(By.id("error-cron"), java.util.regex.Pattern.compile("Invalid 'cron'.*")));
        assertThat(driver.findElement(By.id("error-shardingTotalCount")).getText()).isEqualTo("Must be a whole number");
        assertThat(driver.findElement(By.cssSelector(".field[data-field='cron']")).getAttribute("class")).contains("invalid");
        screenshot("3-job-config-invalid");
        assertThat(storedCron("orders")).isEqualTo("0/1 * * * * ?");

        driver.findElement(By.id("field-shardingTotalCount")).clear();
        driver.findElement(By.id("field-shardingTotalCount")).sendKeys("2");
        cron.clear();
        cron.sendKeys("0/3 * * * * ?");
        driver.findElement(By.id("config-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "Configuration saved."));
        assertThat(driver.findElement(By.id("error-cron")).getText()).isEmpty();
        await().atMost(WAIT).until(() -> "0/3 * * * * ?".equals(storedCron("orders")));
        wait.until(ExpectedConditions.textMatches(By.id("job-summary"), java.util.regex.Pattern.compile("cron 0/3 \\* \\* \\* \\* \\?.*")));

        By item1Status = By.cssSelector("#items tr[data-item='1'] td.status");
        clickAndConfirm(By.cssSelector("#items tr[data-item='1'] button[data-action='disable-item']"));
        wait.until(ExpectedConditions.textToBe(item1Status, "DISABLED"));
        screenshot("4-job-item-disabled");
        clickAndConfirm(By.cssSelector("#items tr[data-item='1'] button[data-action='enable-item']"));
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(item1Status, "DISABLED")));

        click(By.linkText("Servers"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#servers tbody tr[data-server]"), 1));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#servers tbody tr[data-server]"), "reports"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#servers tbody tr[data-server]"), "orders"));
        screenshot("5-servers");
    }

    @Test
    void guestReadsButIsRefusedOperations() throws IOException {
        login("guest", ConsoleFixture.GUEST_PASSWORD);
        By reportsStatus = By.cssSelector("tr[data-job='reports'] td.status");
        wait.until(ExpectedConditions.textToBe(reportsStatus, "OK"));
        assertThat(driver.findElement(By.id("user")).getText()).contains("guest");
        assertThat(driver.findElements(By.cssSelector("tr[data-job='reports'] button"))).isEmpty();
        screenshot("6-jobs-guest");

        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Console.api('POST', '/api/registry-centers/" + ConsoleFixture.RC + "/jobs/reports/disable')"
                        + ".then(r => done(r.status), e => done('error ' + e));");
        assertThat(status).isEqualTo(403L);
        Object configStatus = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Console.api('PUT', '/api/registry-centers/" + ConsoleFixture.RC + "/jobs/reports/config', {cron: '0 0 1 * * ?'})"
                        + ".then(r => done(r.status), e => done('error ' + e));");
        assertThat(configStatus).isEqualTo(403L);
        wait.until(ExpectedConditions.textToBe(reportsStatus, "OK"));
        assertThat(storedCron("reports")).isEqualTo("0/1 * * * * ?");

        driver.get(fixture.baseUrl() + "/job.html?job=reports");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#items tbody tr"), 2));
        assertThat(driver.findElements(By.id("config-save"))).isEmpty();
        assertThat(driver.findElement(By.id("field-cron")).isEnabled()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#job-actions button, #items button"))).isEmpty();
    }

    @Test
    void dumpViewShowsZooKeeperAndOneInstance() {
        login("guest", ConsoleFixture.GUEST_PASSWORD);
        driver.get(fixture.baseUrl() + "/job.html?job=orders");
        By instanceOption = By.cssSelector("#dump-instance option[value*='@-@']");
        wait.until(ExpectedConditions.presenceOfElementLocated(instanceOption));

        click(By.id("dump-button"));
        wait.until(ExpectedConditions.textMatches(By.id("dump"), java.util.regex.Pattern.compile("(?s)# job orders as stored in ZooKeeper.*")));
        assertThat(driver.findElement(By.id("dump")).getText()).contains("config | {").contains("sharding/0/instance | ");

        String instance = driver.findElement(instanceOption).getAttribute("value");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("dump-instance"))).selectByValue(instance);
        click(By.id("dump-button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dump"), "as seen by instance " + instance));
    }

    @Test
    void unauthenticatedBrowserIsSentToLogin() {
        driver.get(fixture.baseUrl() + "/job.html?job=orders");
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("wrong");
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.urlContains("/login?error"));
    }

    @Test
    void guestSeesExecutionHistoryAndStatusTrace() throws IOException {
        login("guest", ConsoleFixture.GUEST_PASSWORD);
        driver.get(fixture.baseUrl() + "/history.html?jobName=orders");
        By row = By.cssSelector("#executions tbody tr[data-job='orders']");
        // the page loads once; the job fires every second, so search again until its first rows are written
        new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofSeconds(1)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    if (!d.findElements(row).isEmpty()) {
                        return true;
                    }
                    d.findElement(By.id("search")).click();
                    return false;
                });
        assertThat(driver.findElement(row).findElement(By.cssSelector("td.result")).getText()).isEqualTo("success");
        assertThat(driver.findElement(By.id("count")).getText()).endsWith("rows");
        screenshot("6-history-executions");
        click(By.id("tab-status"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status-traces tbody tr[data-job='orders']")));
        screenshot("7-history-status-trace");
    }

    private void login(String username, String password) {
        driver.get(fixture.baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
    }

    private void clickAndConfirm(By button) {
        click(button);
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** Clicks, finding the element again if a refresh replaced it in between. */
    private void click(By locator) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    private void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String storedCron(String job) {
        try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(fixture.connectString(), ConsoleFixture.NAMESPACE, null)) {
            return api.getJobConfiguration(job).getCron();
        }
    }

}

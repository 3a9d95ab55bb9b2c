package mxlab.web.lab;

import static mxlab.web.WebFixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import mxlab.store.Folder;
import mxlab.web.WebFixture;
import mxlab.web.WebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * The lab page in a real browser: Debian's chromium, headless, driven by its chromium-driver at an
 * explicit path (Selenium Manager stays offline), able to resolve nothing but loopback. Every step
 * leaves a screenshot in target/screenshots.
 */
class LabBrowserTest extends WebTest {
  @Override
  protected WebFixture fixture(Path dir) throws IOException {
    return WebFixture.plaintextLab(dir);
  }

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target/screenshots");

  private WebDriver browser;
  private String base;

  @BeforeEach
  void start() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed && "1".equals(System.getenv("MXLAB_REQUIRE_INTEROP"))) {
      throw new AssertionError(
          "chromium and chromium-driver are required (apt-get install chromium chromium-driver)");
    }
    assumeTrue(installed, "chromium and chromium-driver are not installed");
    base = web.httpBase();
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // the tests run as root in CI
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        // the lab's certificate is self-signed; the HTTPS login test goes there
        "--ignore-certificate-errors",
        "--window-size=1280,900",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void shot(String name) throws Exception {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private void login(String user, String password) {
    browser.get(base + "/");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    browser.findElement(By.id("user")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("submit")).click();
  }

  /** Clicks, again if the live view redrew the list in between. */
  private void click(By link) {
    waiting()
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(link).click();
              return true;
            });
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @Test
  void readKoreanAndHtmlMailThenWatchNewMailArrive() throws Exception {
    deliver(
        web.inbox("test"),
        "From: =?UTF-8?B?6rmA7LKg7IiY?= <kim@bann.com>\nTo: test@bann.com\n"
            + "Subject: =?UTF-8?B?66mU7J28IOyEnOuyhCDsi6TsirU=?=\nDate: Thu, 3 Dec 2026 10:00:00 +0900\n"
            + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
            + "안녕하세요, 메일 서버 실습입니다.\nsendmail 대신 mxlab으로 합니다.\n");
    deliver(
        web.inbox("test"),
        "From: news@example.org\nTo: test@bann.com\nSubject: <img src=x onerror=\"document.title='XSS'\">"
            + " HTML newsletter\nMIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\n\n"
            + "<h1 id=\"headline\">Hello from HTML</h1><p style=\"color:red\">styled text</p>"
            + "<script>document.body.innerHTML='SCRIPT RAN'; parent.document.title='SCRIPT RAN';</script>"
            + "<img src=\"http://tracker.example/pixel.gif\" onerror=\"document.body.innerHTML='ONERROR RAN'\">\n");

    login("test@bann.com", "changeme");
    // the live view redraws the list once its stream is open, and says so in data-count
    waiting().until(ExpectedConditions.attributeToBe(By.id("messages"), "data-count", "2"));
    assertThat(browser.getCurrentUrl()).endsWith("/mailbox/bann.com/test");
    shot("1-mailbox");
    List<WebElement> rows = browser.findElements(By.cssSelector("#messages tbody tr"));
    assertThat(rows).hasSize(2);
    assertThat(browser.getTitle()).isEqualTo("test@bann.com · mxlab"); // no onerror ran
    assertThat(rows.get(0).getText()).contains("<img src=x onerror="); // shown, not run

    click(By.linkText("메일 서버 실습"));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("text")));
    assertThat(browser.findElement(By.id("text")).getText())
        .contains("안녕하세요, 메일 서버 실습입니다.")
        .contains("sendmail 대신 mxlab으로 합니다.");
    assertThat(browser.findElement(By.id("headers")).getText()).contains("김철수 <kim@bann.com>");
    shot("2-korean-message");

    browser.navigate().back();
    click(By.partialLinkText("HTML newsletter"));
    WebElement frame = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("html")));
    assertThat(frame.getAttribute("sandbox")).isEmpty();
    browser.switchTo().frame(frame);
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("headline")));
    String framed = browser.findElement(By.tagName("body")).getText();
    assertThat(framed).contains("Hello from HTML").contains("styled text");
    assertThat(framed).doesNotContain("SCRIPT RAN").doesNotContain("ONERROR RAN");
    browser.switchTo().defaultContent();
    // the subject is the title, as text: neither its onerror nor the frame's script changed it
    assertThat(browser.getTitle())
        .isEqualTo("<img src=x onerror=\"document.title='XSS'\"> HTML newsletter · mxlab");
    shot("3-html-message");

    browser.get(base + "/mailbox/bann.com/test");
    waiting().until(ExpectedConditions.attributeToBe(By.id("messages"), "data-count", "2"));
    deliver(
        web.inbox("test"), "From: teacher@bann.com\nSubject: arrived while you watched\n\nlive\n");
    waiting().until(ExpectedConditions.attributeToBe(By.id("messages"), "data-count", "3"));
    WebElement newest = browser.findElement(By.cssSelector("#messages tbody tr"));
    assertThat(newest.getText()).contains("arrived while you watched");
    assertThat(newest.getAttribute("class")).isEqualTo("new");
    shot("4-live-new-message");

    // another user's mailbox, typed into the address bar: not found, as if it did not exist
    browser.get(base + "/mailbox/bann.com/master");
    assertThat(browser.getPageSource()).contains("not found");
  }

  @Test
  void everyFolderOpensAndUpdatesLive() throws Exception {
    mxlab.store.Mailbox mailbox = web.drop.mailStore().mailbox("bann.com", "test");
    mailbox.ensureSpecialUse();
    deliver(web.inbox("test"), "From: a@b.org\nSubject: in the inbox\n\nhello\n");
    Folder sent = mailbox.folder("Sent").orElseThrow();
    deliver(sent, "To: kim@bann.com\nSubject: =?UTF-8?B?67O064K4IOuplOydvA==?=\n\n보낸 메일입니다.\n");
    login("test@bann.com", "changeme");
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("folders")));
    assertThat(browser.findElement(By.id("folders")).getText())
        .contains("INBOX 1 (1 new)")
        .contains("Sent 1 (1 new)")
        .contains("Drafts 0")
        .contains("Trash 0")
        .contains("Junk 0");
    click(By.linkText("Sent"));
    waiting().until(ExpectedConditions.attributeToBe(By.id("messages"), "data-count", "1"));
    assertThat(browser.findElement(By.id("folder")).getText()).isEqualTo("Sent");
    assertThat(browser.findElement(By.id("messages")).getText())
        .contains("보낸 메일")
        .doesNotContain("in the inbox");
    deliver(sent, "To: lee@bann.com\nSubject: saved by the client\n\ncopy\n");
    waiting().until(ExpectedConditions.attributeToBe(By.id("messages"), "data-count", "2"));
    shot("7-sent-folder");
    // the row the live view drew links into the same folder
    click(By.linkText("saved by the client"));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("text")));
    assertThat(browser.getCurrentUrl()).endsWith("/message/bann.com/test/2?folder=Sent");
    assertThat(browser.findElement(By.id("text")).getText()).contains("copy");
  }

  @Test
  void withoutAllowPlaintextAuthTheBrowserLogsInOverHttps() throws Exception {
    try (WebFixture strict = new WebFixture(dir.resolve("strict"), "")) {
      deliver(strict.inbox("test"), "From: a@b.org\nSubject: read over TLS\n\nhello\n");
      String http = strict.httpBase();
      browser.get(http + "/mailbox/bann.com/test");
      // /mailbox -> /login -> the same form on the https listener
      waiting().until(ExpectedConditions.urlToBe(strict.httpsBase() + "/login"));
      browser.findElement(By.id("user")).sendKeys("test@bann.com");
      browser.findElement(By.id("password")).sendKeys("changeme");
      browser.findElement(By.id("submit")).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("messages")));
      assertThat(browser.getCurrentUrl()).isEqualTo(strict.httpsBase() + "/mailbox/bann.com/test");
      assertThat(browser.findElement(By.id("messages")).getText()).contains("read over TLS");
      assertThat(browser.manage().getCookieNamed("__Host-mxlab").isSecure()).isTrue();
      // asked for over plain HTTP again, the form is never shown there
      browser.get(http + "/login");
      assertThat(browser.getCurrentUrl()).startsWith(strict.httpsBase());
      shot("8-login-over-https");
    }
  }

  @Test
  void theAdminSeesServicesDomainsAndTheLiveLog() throws Exception {
    String token = Files.readString(mxlab.web.auth.AdminToken.file(dir.resolve("data"))).strip();
    login("admin", token);
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("services")));
    assertThat(browser.findElement(By.id("services")).getText()).contains("http").contains("https");
    assertThat(browser.findElement(By.id("mailboxes")).getText()).contains("test@bann.com");
    shot("5-admin-overview");
    browser.findElement(By.linkText("Mail log")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("maillog")));
    mxlab.core.log.MailLog.get().info("id=TEST decision=accepted <b>not bold</b>");
    waiting()
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("maillog"), "id=TEST"));
    assertThat(browser.findElements(By.cssSelector("#maillog b"))).isEmpty();
    shot("6-live-maillog");
    browser.findElement(By.id("logout")).click();
    waiting().until(ExpectedConditions.urlContains("/login"));
    browser.get(base + "/");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
  }
}

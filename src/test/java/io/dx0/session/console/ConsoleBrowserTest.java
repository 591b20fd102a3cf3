package io.dx0.session.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.Browser;
import io.dx0.session.testsupport.FailedLogins;
import io.dx0.session.testsupport.MutableClock;
import io.dx0.session.testsupport.UpgradeRequests;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The web console at {@code /} in a real Chromium, end to end against the running service (test
 * profile: 3 failed logins per 2 s, 5 messages per 3 s, budget 25, a blood count costs 10). What a
 * user does by keyboard, what the accessibility tree says, and how the page looks at 375 px and in
 * both themes.
 */
@QuarkusTest
class ConsoleBrowserTest {

    @RegisterExtension
    static final Browser.PerClass BROWSER = new Browser.PerClass();

    private ChromeDriver chrome;

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionStore store;

    @Inject
    UpgradeRequests upgrades;

    /** One tab, desktop size, nothing stored, no failed login counted from 127.0.0.1 (the tests' address). */
    @BeforeEach
    void freshPage() {
        chrome = BROWSER.driver();
        forgetFailedLogins();
        List<String> tabs = new ArrayList<>(chrome.getWindowHandles());
        for (String extra : tabs.subList(1, tabs.size())) {
            chrome.switchTo().window(extra).close();
        }
        chrome.switchTo().window(tabs.get(0));
        chrome.manage().window().setSize(new Dimension(1280, 900));
        chrome.get(base.toString());
        chrome.manage().deleteAllCookies();
        js("sessionStorage.clear(); localStorage.clear();");
        chrome.navigate().refresh();
        watchCspViolations();
    }

    @AfterEach
    void forgetFailedLogins() {
        FailedLogins.forget(store, "ann", "ben", "cy", "root");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) chrome).executeScript(script, args);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(chrome, Duration.ofSeconds(10));
    }

    private WebElement byId(String id) {
        return chrome.findElement(By.id(id));
    }

    private String activeId() {
        return chrome.switchTo().activeElement().getAttribute("id");
    }

    private void watchCspViolations() {
        js("window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
                + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
    }

    private void assertNoCspViolation() {
        assertThat((List<?>) js("return window.cspViolations")).as("Content-Security-Policy violations").isEmpty();
    }

    /** Logs in by keyboard alone: the username field has focus, Tab goes to Password, then to Log in. */
    private void loginByKeyboard(String user, String password) {
        waiting().until(d -> "username".equals(activeId()));
        chrome.switchTo().activeElement().sendKeys(user, Keys.TAB);
        assertThat(activeId()).isEqualTo("password");
        chrome.switchTo().activeElement().sendKeys(password, Keys.TAB);
        assertThat(activeId()).isEqualTo("login-button");
        chrome.switchTo().activeElement().sendKeys(Keys.ENTER);
    }

    private void loggedIn(String user, String password) {
        loginByKeyboard(user, password);
        waiting().until(d -> byId("chat-view").isDisplayed() || !byId("login-error").getText().isEmpty());
        assertThat(byId("login-error").getText()).as("login of " + user).isEmpty();
        waiting().until(d -> "Connected.".equals(byId("connection").getText()));
    }

    private void send(String action, String text) {
        new Select(byId("action")).selectByVisibleText(action);
        WebElement message = byId("message");
        message.sendKeys(text);
        byId("send").click();
    }

    @Test
    void loginFormIsLabelledAndInKeyboardOrderThenAQuestionStreamsItsReply() {
        assertThat(byId("username").getAccessibleName()).isEqualTo("Username");
        assertThat(byId("password").getAccessibleName()).isEqualTo("Password");
        assertThat(byId("login-button").getAccessibleName()).isEqualTo("Log in");
        assertThat(byId("login-button").getAriaRole()).isEqualTo("button");

        upgrades.clear();
        loggedIn("ann", "pw-2a");
        for (String region : List.of("Case", "Chat", "Results", "Budget")) {
            WebElement landmark = chrome.findElements(By.cssSelector("section[aria-labelledby]")).stream()
                    .filter(e -> region.equals(e.getAccessibleName())).findFirst().orElseThrow(
                            () -> new AssertionError("no region named " + region));
            assertThat(landmark.getAriaRole()).as(region).isEqualTo("region");
        }
        assertThat(byId("case-summary").getText()).isEqualTo("A 30 year old with cough");
        assertThat(byId("message").getAccessibleName()).isEqualTo("Message");
        assertThat(byId("action").getAccessibleName()).isEqualTo("Action");
        assertThat(byId("send").getAccessibleName()).isEqualTo("Send");
        assertThat(new Select(byId("action")).getOptions()).extracting(WebElement::getText)
                .containsExactly("question", "test", "diagnosis");

        // Count how often the reply's text changes: a streamed reply is written chunk by chunk.
        js("window.replyUpdates = 0; new MutationObserver(() => window.replyUpdates++)"
                + ".observe(document.getElementById('messages'), {subtree: true, characterData: true, childList: true});");
        send("question", "Does the cough get worse at night?");
        waiting().until(d -> byId("messages").getText().contains("worse at night"));
        waiting().until(d -> byId("send").isEnabled());
        // the user's line, then the reply's two chunks, each in its own frame (the last carries done: no
        // empty trailing frame since the reply frames follow Dx0's, so one update fewer than before)
        assertThat(((Number) js("return window.replyUpdates")).intValue()).as("updates as chunks arrived")
                .isGreaterThanOrEqualTo(3);
        assertThat(byId("messages").findElements(By.cssSelector("li.mine"))).extracting(WebElement::getText)
                .singleElement().asString().contains("Does the cough get worse at night?");
        assertThat(byId("budget-spent").getText()).isEqualTo("0.00");

        assertThat((String) js("return Object.keys(localStorage).join(',')")).as("no token in localStorage")
                .doesNotContain("token");
        assertThat((String) js("return sessionStorage.getItem('dx0.tokens')")).contains("access");
        assertThat(upgrades.uris()).as("the socket's URL, as an access log keeps it").isNotEmpty()
                .allSatisfy(uri -> assertThat(uri).isEqualTo("/api/v1/ws"));
        assertNoCspViolation();
    }

    @Test
    void orderingATestUpdatesResultsAndBudgetAndAnOverrunIsSaidInWords() {
        loggedIn("ben", "pw-2b");
        js("document.getElementById('messages').replaceChildren()");
        send("test", "complete blood count");
        waiting().until(d -> byId("ordered-tests").getText().contains("complete blood count"));
        assertThat(byId("results-empty").isDisplayed()).isFalse();
        assertThat(byId("budget-spent").getText()).isEqualTo("10.00");
        assertThat(byId("budget-remaining").getText()).isEqualTo("15.00");
        assertThat(byId("budget-limit").getText()).isEqualTo("25.00");

        waiting().until(d -> byId("send").isEnabled());
        List<WebElement> catalogue = byId("catalogue").findElements(By.tagName("button"));
        assertThat(catalogue).extracting(WebElement::getText)
                .as("the Case lists what can be ordered, with prices")
                .containsExactly("complete blood count (10.00)", "basic metabolic panel (20.00)");
        catalogue.get(1).sendKeys(Keys.ENTER);
        assertThat(byId("message").getDomProperty("value")).isEqualTo("basic metabolic panel");
        assertThat(new Select(byId("action")).getFirstSelectedOption().getText()).isEqualTo("test");
        assertThat(chrome.switchTo().activeElement().getDomAttribute("id")).as("ready to send").isEqualTo("send");
        chrome.switchTo().activeElement().sendKeys(Keys.ENTER);
        waiting().until(d -> byId("chat-error").getText().equals("Budget exceeded: 15.00 remaining. Nothing was charged."));
        assertThat(byId("budget-spent").getText()).isEqualTo("10.00");
        assertThat(byId("chat-error").getAriaRole()).isEqualTo("alert");
        assertNoCspViolation();
    }

    @Test
    void aThrottledLoginIsShownWithItsWait() {
        // the clock stands still: four logins by keyboard on a loaded machine may take longer than the 2 s window
        QuarkusMock.installMockForType(new MutableClock(Instant.now()), Clock.class);
        for (int i = 0; i < 3; i++) {
            loginByKeyboard("cy", "wrong-" + i);
            waiting().until(d -> byId("login-error").getText().equals("Wrong username or password."));
            js("document.getElementById('login-error').textContent = ''; document.getElementById('username').value = '';"
                    + " document.getElementById('password').value = ''; document.getElementById('username').focus();");
        }
        loginByKeyboard("cy", "pw-2y");
        waiting().until(d -> byId("login-error").getText().matches("Too many attempts\\. Try again in \\d+ s\\."));
        assertThat(byId("chat-view").isDisplayed()).isFalse();
    }

    /**
     * One ward behind one address: colleagues' typos lock it out, and a clinician whose browser logged
     * in before still gets in from a new tab (nothing in its storage), by the device cookie the login
     * set, which the page itself cannot read. The clock stands still so the typos stay in the window.
     */
    @Test
    void aBrowserThatLoggedInBeforeGetsInBehindAnAddressOthersLockedOut() {
        QuarkusMock.installMockForType(new MutableClock(Instant.now()), Clock.class);
        loggedIn("ben", "pw-2b");
        assertThat((String) js("return document.cookie")).as("out of the page's reach").doesNotContain("dx0_device");
        byId("logout").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
        js("sessionStorage.clear();");
        chrome.navigate().refresh();

        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", "clinician" + i, "password", "typo"))
                    .post("/api/v1/login").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", "ben", "password", "pw-2b"))
                .post("/api/v1/login").then().statusCode(429);
        loggedIn("ben", "pw-2b");
        assertThat(byId("who").getText()).isEqualTo("ben (user)");

        byId("logout").click();
        loginByKeyboard("cy", "pw-2y");
        waiting().until(d -> byId("login-error").getText().matches("Too many attempts\\. Try again in \\d+ s\\."));
    }

    @Test
    void anAdminRevokesAUsersSessionsAndThatUsersOpenPageReturnsToTheLoginForm() {
        loggedIn("ann", "pw-2a");
        String annTab = chrome.getWindowHandle();

        chrome.switchTo().newWindow(WindowType.TAB).get(base.toString());
        loggedIn("root", "secret-admin");
        WebElement adminButton = byId("show-admin");
        assertThat(adminButton.isDisplayed()).isTrue();
        adminButton.click();
        byId("lookup-user").sendKeys("ann", Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().matches("\\d+ live sessions? for ann\\."));
        List<WebElement> rows = byId("sessions").findElements(By.cssSelector("tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).findElement(By.cssSelector("button")).getAccessibleName()).startsWith("Revoke session ");
        WebElement newest = rows.get(rows.size() - 1);
        assertThat(newest.findElements(By.tagName("td")).get(3).getText()).isEqualTo("0.00 / 25.00");
        assertThat(newest.findElements(By.tagName("td")).get(4).getText()).as("ann's open page holds one socket")
                .isEqualTo("1");
        byId("revoke-all").click();
        waiting().until(d -> byId("admin-status").getText().equals("Every session of ann revoked."));
        assertThat(byId("sessions").findElements(By.cssSelector("tbody tr"))).isEmpty();
        String adminTab = chrome.getWindowHandle();

        chrome.switchTo().window(annTab);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
        assertThat(byId("login-notice").getText()).startsWith("Your session has ended");
        assertThat(byId("chat-view").isDisplayed()).isFalse();
        assertThat((String) js("return sessionStorage.getItem('dx0.tokens')")).isNull();

        chrome.switchTo().window(adminTab);
        assertThat(byId("admin-view").isDisplayed()).as("the admin's own session is untouched").isTrue();
    }

    @Test
    void anAdminSetsABudgetLimitRevokesOneSessionAndUnlocksAnAddress() {
        given().contentType(ContentType.JSON).body(Map.of("username", "cy", "password", "pw-2y"))
                .post("/api/v1/login").then().statusCode(200);
        loggedIn("root", "secret-admin");
        byId("show-admin").click();
        byId("all-prefix").sendKeys("c");
        byId("all-group").sendKeys("user", Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().matches("\\d+\\+? live sessions? listed\\."));
        assertThat(byId("all-sessions").findElements(By.cssSelector("tbody tr"))).isNotEmpty()
                .allSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(0).getText()).startsWith("c"));
        byId("lookup-user").sendKeys("cy", Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().matches("\\d+ live sessions? for cy\\."));
        int before = byId("sessions").findElements(By.cssSelector("tbody tr")).size();

        WebElement newest = lastRow();
        WebElement limit = newest.findElement(By.cssSelector("input[type=number]"));
        assertThat(limit.getAccessibleName()).startsWith("Budget limit for session ");
        limit.clear();
        limit.sendKeys("12.5");
        newest.findElement(By.xpath(".//button[text()='Set limit']")).click();
        waiting().until(d -> byId("admin-status").getText().endsWith("set to 12.50."));
        assertThat(lastRow().findElements(By.tagName("td")).get(3).getText()).isEqualTo("0.00 / 12.50");

        lastRow().findElement(By.xpath(".//button[text()='Revoke']")).click();
        waiting().until(d -> byId("admin-status").getText().matches("Session \\S+ revoked\\."));
        assertThat(byId("sessions").findElements(By.cssSelector("tbody tr"))).hasSize(before - 1);

        byId("unlock-ip").sendKeys("203.0.113.9", Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().equals("Lockout cleared for 203.0.113.9."));
        byId("unlock-ip").clear();
        byId("unlock-ip").sendKeys("not-an-address", Keys.ENTER);
        waiting().until(d -> byId("admin-error").getText().equals("Not an IP address: not-an-address"));
        byId("unlock-ip").clear();
        byId("unlock-ip").sendKeys("   ", Keys.ENTER);
        waiting().until(d -> byId("admin-error").getText().equals("Enter an IP address."));
        assertNoCspViolation();
    }

    /**
     * "Ann says she can't log in": typos from her ward's address lock it out; the admin sees the overview,
     * finds the address in the list of lockouts and among the recent security events (all of them, then
     * filtered to lockouts, then Ann's own beside her sessions), unlocks it from its row, and Ann gets in.
     */
    @Test
    void anAdminFindsALockedOutAddressInTheEventsUnlocksItAndTheUserGetsIn() {
        QuarkusMock.installMockForType(new MutableClock(Instant.now()), Clock.class); // the lockout lasts
        String ward = "198.51.100.23";
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", ward).contentType(ContentType.JSON)
                    .body(Map.of("username", "ann", "password", "typo-" + i)).post("/api/v1/login").then().statusCode(401);
        }
        given().header("X-Forwarded-For", ward).contentType(ContentType.JSON)
                .body(Map.of("username", "ann", "password", "pw-2a")).post("/api/v1/login").then().statusCode(429);

        loggedIn("root", "secret-admin");
        byId("show-admin").click();
        waiting().until(d -> byId("overview-when").getText().startsWith("as of"));
        assertThat(Integer.parseInt(byId("ov-failure").getText())).as("wrong passwords counted").isGreaterThanOrEqualTo(3);
        assertThat(Integer.parseInt(byId("ov-refused").getText())).isGreaterThanOrEqualTo(1);
        assertThat(Integer.parseInt(byId("ov-sessions").getText())).isGreaterThanOrEqualTo(1);
        waiting().until(d -> !lockoutRows(ward).isEmpty());
        waiting().until(d -> byId("lockouts").getText().contains(ward));

        new Select(byId("events-type")).selectByVisibleText("address locked out");
        byId("events-address").sendKeys(ward, Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().matches("\\d+\\+? events? shown\\."));
        List<WebElement> rows = byId("events").findElements(By.cssSelector("tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("login.locked", ward));
        assertThat(byId("events").getText()).doesNotContain("typo-");

        byId("lookup-user").sendKeys("ann", Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().matches("\\d+ live sessions? for ann\\."));
        waiting().until(d -> byId("events").findElements(By.cssSelector("tbody tr")).size() >= 4);
        assertThat(byId("events").findElements(By.cssSelector("tbody tr")))
                .allSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(2).getText()).isEqualTo("ann"));

        assertThat(lockoutRows(ward).get(0).findElement(By.xpath(".//button[text()='Unlock']")).getAccessibleName())
                .as("each lockout event carries its unlock").isEqualTo("Unlock address " + ward);
        WebElement locked = byId("lockouts").findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.getText().startsWith(ward)).findFirst().orElseThrow();
        assertThat(locked.getText()).contains("address locked out", "3 (closes at 3)");
        WebElement unlock = locked.findElement(By.xpath(".//button[text()='Unlock']"));
        assertThat(unlock.getAccessibleName()).isEqualTo("Unlock address " + ward);
        unlock.sendKeys(Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().equals("Lockout cleared for " + ward + "."));
        waiting().until(d -> !byId("lockouts").getText().contains(ward));
        given().header("X-Forwarded-For", ward).contentType(ContentType.JSON)
                .body(Map.of("username", "ann", "password", "pw-2a")).post("/api/v1/login").then().statusCode(200);
        assertNoCspViolation();
    }

    private List<WebElement> lockoutRows(String address) {
        return byId("events").findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.getText().contains("login.locked") && row.getText().contains(address)).toList();
    }

    private WebElement lastRow() {
        List<WebElement> rows = byId("sessions").findElements(By.cssSelector("tbody tr"));
        assertThat(rows).isNotEmpty();
        return rows.get(rows.size() - 1);
    }

    @Test
    void themesFocusAndNarrowScreensMeetTheBar() throws IOException {
        WebElement theme = byId("theme");
        assertThat(theme.getAriaRole()).isEqualTo("button");
        assertThat(theme.getAccessibleName()).isEqualTo("Dark theme");
        waiting().until(d -> "username".equals(activeId()));
        assertFocusOutline("username");
        assertContrast();

        loggedIn("ben", "pw-2b");
        send("question", "Does the cough get worse at night?");
        waiting().until(d -> byId("messages").getText().contains("worse at night") && byId("send").isEnabled());
        send("test", "complete blood count");
        waiting().until(d -> byId("ordered-tests").getText().contains("complete blood count"));
        assertContrast();
        screenshot("console-chat-light");
        theme.click();
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
        assertThat(theme.getAttribute("aria-pressed")).isEqualTo("true");
        assertContrast();
        screenshot("console-chat-dark");
        byId("message").click();
        assertFocusOutline("message");

        chrome.manage().window().setSize(new Dimension(375, 812));
        assertNoHorizontalScroll();
        theme.click();
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("light");
        byId("logout").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
        assertThat(byId("login-notice").getText()).isEqualTo("You have logged out.");
        assertNoHorizontalScroll();

        chrome.manage().window().setSize(new Dimension(1280, 900));
        given().contentType(ContentType.JSON).body(Map.of("username", "ben", "password", "pw-2b"))
                .post("/api/v1/login").then().statusCode(200);
        loggedIn("root", "secret-admin");
        byId("show-admin").click();
        byId("lookup-user").sendKeys("ben", Keys.ENTER);
        waiting().until(d -> byId("admin-status").getText().equals("1 live session for ben."));
        assertContrast();
        screenshot("console-admin-light");
        chrome.manage().window().setSize(new Dimension(375, 812));
        assertNoHorizontalScroll();
        assertNoCspViolation();
    }

    private void assertNoHorizontalScroll() {
        Number overflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("horizontal overflow at 375 px").isLessThanOrEqualTo(0);
    }

    private void assertFocusOutline(String id) {
        assertThat(activeId()).isEqualTo(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> outline = (Map<String, Object>) js("const s = getComputedStyle(document.activeElement);"
                + " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)};");
        assertThat(outline.get("style")).as("outline style of focused " + id).isEqualTo("solid");
        assertThat(((Number) outline.get("width")).doubleValue()).isGreaterThanOrEqualTo(2.0);
    }

    /** WCAG AA: every visible text at least 4.5:1 against the background it is drawn on. */
    private void assertContrast() {
        @SuppressWarnings("unchecked")
        List<String> failures = (List<String>) js(CONTRAST_CHECK);
        assertThat(failures).as("text below 4.5:1 in theme " + chrome.findElement(By.tagName("html"))
                .getAttribute("data-theme")).isEmpty();
    }

    private static final String CONTRAST_CHECK = """
            const rgb = c => c.match(/[\\d.]+/g).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
                .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = el => {
              for (let e = el; e; e = e.parentElement) {
                const c = rgb(getComputedStyle(e).backgroundColor);
                if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
              }
              return [255, 255, 255];
            };
            const failures = [];
            for (const el of document.querySelectorAll('body *')) {
              if (!el.offsetParent || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
              const s = getComputedStyle(el);
              if (s.opacity !== '1' || el.disabled) continue;
              const fg = lum(rgb(s.color)), bg = lum(background(el));
              const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
              if (ratio < 4.5) failures.push((el.id || el.tagName) + ' ' + ratio.toFixed(2));
            }
            return failures;
            """;

    private void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.move(chrome.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theConsoleIsServedAtTheRootUnderAStrictContentSecurityPolicy() {
        String csp = given().get("/").then().statusCode(200).contentType("text/html")
                .extract().header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        given().get("/console/console.js").then().statusCode(200).header("Content-Security-Policy", csp)
                .header("X-Content-Type-Options", "nosniff");
        given().get("/api/v1/case").then().statusCode(200);
        assertThat(chrome.getTitle()).isEqualTo("Dx0 session console");
        assertThat(byId("login-view").isDisplayed()).isTrue();
    }

    /** Without an icon of its own the browser asks for /favicon.ico on every visit and logs a 404. */
    @Test
    void thePageNamesItsOwnIconServedUnderTheSamePolicy() {
        String href = (String) js("return document.querySelector('link[rel=icon]')?.getAttribute('href')");
        assertThat(href).isEqualTo("/console/favicon.svg");
        given().get(href).then().statusCode(200).contentType("image/svg+xml")
                .header("Content-Security-Policy", containsString("img-src 'self'"));
    }
}

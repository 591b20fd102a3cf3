package io.dx0.session.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.Browser;
import io.dx0.session.testsupport.FailedLogins;
import io.dx0.session.testsupport.MutableClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What the console does on its own to keep a user working: access tokens of 4 s refreshed before
 * they expire, and a socket the server closed (rate limit, 1013) opened again after a back-off.
 */
@QuarkusTest
@TestProfile(ConsoleKeepsTheSessionTest.ShortTokens.class)
class ConsoleKeepsTheSessionTest {

    public static class ShortTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.jwt.access-token-ttl", "4s");
        }
    }

    @RegisterExtension
    static final Browser.PerClass BROWSER = new Browser.PerClass();

    private ChromeDriver chrome;

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionStore store;

    @BeforeEach
    void loggedIn() {
        chrome = BROWSER.driver();
        FailedLogins.forget(store, "ben");
        chrome.get(base.toString());
        js("sessionStorage.clear()");
        chrome.navigate().refresh();
        waiting(10).until(d -> "username".equals(chrome.switchTo().activeElement().getAttribute("id")));
        chrome.switchTo().activeElement().sendKeys("ben", Keys.TAB, "pw-2b", Keys.ENTER);
        waiting(10).until(d -> "Connected.".equals(text("connection")));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) chrome).executeScript(script);
    }

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(chrome, Duration.ofSeconds(seconds));
    }

    private String text(String id) {
        return chrome.findElement(By.id(id)).getText();
    }

    private void ask(String question) {
        new Select(chrome.findElement(By.id("action"))).selectByVisibleText("question");
        chrome.findElement(By.id("message")).sendKeys(question);
        chrome.findElement(By.id("send")).click();
    }

    private String storedAccessToken() {
        return (String) js("return JSON.parse(sessionStorage.getItem('dx0.tokens')).access");
    }

    @Test
    void anAccessTokenIsRefreshedBeforeItExpiresAndTheSessionKeepsWorking() {
        String first = storedAccessToken();
        // Past the first token's 4 s life: the page must have swapped it for a new one on its own.
        waiting(10).until(d -> !storedAccessToken().equals(first));
        waiting(10).pollingEvery(Duration.ofMillis(500))
                .until(d -> ((Number) js("return JSON.parse(sessionStorage.getItem('dx0.tokens')).expiresAt"))
                        .longValue() > System.currentTimeMillis());
        Long status = (Long) ((JavascriptExecutor) chrome).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/session', {headers: {Authorization: 'Bearer '"
                        + " + JSON.parse(sessionStorage.getItem('dx0.tokens')).access}}).then(r => done(r.status));");
        assertThat(status).as("the page's current token is accepted").isEqualTo(200L);
        ask("Any fever?");
        waiting(10).until(d -> text("messages").contains("no fever"));
        assertThat(chrome.findElement(By.id("login-view")).isDisplayed()).isFalse();
    }

    /**
     * A duplicated tab starts with a copy of its original's tokens (the browser copies sessionStorage):
     * two tabs, one session, one refresh token. Whichever refreshes first, neither may present a
     * token the other has already rotated, or the reuse ends the session for both.
     */
    @Test
    void aDuplicatedTabAndItsOriginalKeepTheirOneSessionThroughSeveralRefreshes() {
        String original = chrome.getWindowHandle();
        String tokens = (String) js("return sessionStorage.getItem('dx0.tokens')");
        chrome.switchTo().newWindow(org.openqa.selenium.WindowType.TAB).get(base.toString());
        ((JavascriptExecutor) chrome).executeScript("sessionStorage.setItem('dx0.tokens', arguments[0])", tokens);
        chrome.navigate().refresh();
        String duplicate = chrome.getWindowHandle();
        waiting(10).until(d -> "Connected.".equals(text("connection")));

        // 4 s tokens: three refresh rounds in each tab
        long until = System.currentTimeMillis() + 12_000;
        waiting(20).pollingEvery(Duration.ofMillis(500)).until(d -> System.currentTimeMillis() > until);
        for (String tab : List.of(original, duplicate)) {
            chrome.switchTo().window(tab);
            assertThat(chrome.findElement(By.id("login-view")).isDisplayed()).as("tab %s sent back to login", tab).isFalse();
            Long status = (Long) ((JavascriptExecutor) chrome).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/session', {headers: {Authorization: 'Bearer '"
                            + " + JSON.parse(sessionStorage.getItem('dx0.tokens')).access}}).then(r => done(r.status));");
            assertThat(status).as("tab %s's current token", tab).isEqualTo(200L);
        }
        chrome.switchTo().window(duplicate).close();
        chrome.switchTo().window(original);
    }

    /**
     * A reload while the service cannot be reached (restarting, a dropped network) must not log the
     * user out: the session lives on in the store, so the page keeps its tokens, says what happened,
     * and opens the same session once the service answers again.
     */
    @Test
    void aReloadWhileTheServiceCannotBeReachedKeepsTheSessionAndResumesIt() {
        String before = (String) js("return JSON.parse(sessionStorage.getItem('dx0.tokens')).refresh.split('.')[0]");
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/session")));
        try {
            chrome.navigate().refresh();
            waiting(10).until(d -> text("login-notice").matches(
                    "The service cannot be reached\\. .* Your session is kept; trying again in \\d+ s\\."));
            assertThat((String) js("return sessionStorage.getItem('dx0.tokens')")).as("tokens kept").isNotNull();
        } finally {
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
        waiting(15).until(d -> "Connected.".equals(text("connection")));
        assertThat(chrome.findElement(By.id("login-view")).isDisplayed()).isFalse();
        assertThat(text("login-notice")).isEmpty();
        assertThat((String) js("return JSON.parse(sessionStorage.getItem('dx0.tokens')).refresh.split('.')[0]"))
                .as("the same session").isEqualTo(before);
        ask("Any fever?");
        waiting(10).until(d -> text("messages").contains("no fever"));
    }

    /**
     * The service's clock stands still while six messages are sent, so all six fall in one 5-per-3-s
     * window however slowly a loaded machine types them (in real time a run with both cores busy sent
     * the sixth after the window had moved on, and it was answered).
     */
    @Test
    void aSocketClosedByTheRateLimitIsOpenedAgainAfterABackOff() {
        MutableClock clock = new MutableClock(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        for (int i = 0; i < 5; i++) {
            ask("cough? " + i);
            waiting(10).until(d -> chrome.findElement(By.id("send")).isEnabled());
        }
        ask("one too many");
        waiting(10).until(d -> text("chat-error").matches("You are sending messages too fast\\. Wait \\d+ s\\."));
        waiting(10).until(d -> text("connection").startsWith("Rate limited: the connection closed. Reconnecting in"));
        waiting(10).until(d -> "Connected.".equals(text("connection")));
        // The 5-per-3-s window passes; the reopened socket chats again.
        clock.advance(Duration.ofSeconds(3));
        waiting(10).pollingEvery(Duration.ofMillis(500)).until(d -> {
            if (chrome.findElement(By.id("send")).isEnabled()) {
                ask("and now?");
            }
            return text("messages").lines().filter(l -> l.equals("Dx0")).count() >= 6;
        });
        assertThat(chrome.findElement(By.id("login-view")).isDisplayed()).isFalse();
    }
}

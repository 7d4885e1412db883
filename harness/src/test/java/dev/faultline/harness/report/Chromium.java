package dev.faultline.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the JDK's
 * own WebSocket client, so the browser tests need no Selenium or Playwright. The browser gets a
 * fresh profile, no network services of its own, and a debugging port on 127.0.0.1 chosen by the
 * kernel; {@link #close} stops it and every process it started by PID.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * The browser's executable: {@code $FAULTLINE_CHROMIUM}, else {@code chromium} or
     * {@code chromium-browser} on the PATH.
     *
     * @throws IllegalStateException saying how to install it: the browser tests must fail, not
     *     skip, on a machine without it
     */
    static Path executable() {
        String configured = System.getenv("FAULTLINE_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no Chromium found: the report's browser tests need Debian's chromium package"
                + " (apt-get install -y chromium; .ci/run installs it) or FAULTLINE_CHROMIUM=/path/to/chromium");
    }

    static Chromium start(Path profile, Duration startTimeout) throws IOException, InterruptedException {
        List<String> command = List.of(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String url = awaitListening(process, startTimeout);
            Chromium[] self = new Chromium[1];
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), new Listener(message -> self[0].receive(message)))
                    .get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            self[0] = new Chromium(process, socket);
            return self[0];
        } catch (Exception e) {
            stop(process);
            throw new IOException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    /** Reads the browser's standard error until it names its DevTools endpoint; drains it after that. */
    private static String awaitListening(Process process, Duration timeout) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher match = LISTENING.matcher(line);
                    if (match.find()) {
                        url.complete(match.group(1));
                    } else if (!url.isDone() && seen.size() < 20) {
                        seen.add(line);
                    }
                }
            } catch (IOException ignored) {
                // The browser exited.
            }
            url.completeExceptionally(new IOException("it exited; it said: " + String.join(" | ", seen)));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return url.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens a new tab with the DevTools domains the tests read enabled. */
    Page newPage() throws Exception {
        String target = call("Target.createTarget", Map.of("url", "about:blank"), null).get("targetId").asText();
        String session = call("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null).get("sessionId").asText();
        Page page = new Page(session);
        pages.put(session, page);
        for (String domain : List.of("Runtime", "Log", "Page", "Network")) {
            call(domain + ".enable", Map.of(), session);
        }
        return page;
    }

    JsonNode call(String method, Map<String, Object> params, String session) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        calls.put(id, reply);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        JsonNode answer = reply.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (answer.has("error")) {
            throw new IOException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = calls.remove(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
            } else if (message.has("sessionId") && pages.containsKey(message.get("sessionId").asText())) {
                pages.get(message.get("sessionId").asText()).event(message.get("method").asText(), message.get("params"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable DevTools message: " + e.getMessage(), e);
        }
    }

    /** Closes the browser, then stops it and every process it started by PID if it lingers. */
    @Override
    public void close() {
        try {
            call("Browser.close", Map.of(), null);
        } catch (Exception e) {
            // It may be gone already; stopping by PID below covers it.
        }
        socket.abort();
        stop(process);
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        for (ProcessHandle handle : concat(process.toHandle(), children)) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Chromium process " + handle.pid() + " did not exit", e);
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** One tab: navigation, script evaluation, screenshots, and what it logged and fetched. */
    final class Page {
        private final String session;
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();

        private Page(String session) {
            this.session = session;
        }

        private void event(String method, JsonNode params) {
            switch (method) {
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        errors.add("console." + type + ": " + params.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if (params.path("entry").path("level").asText().equals("error")) {
                        errors.add("log: " + params.path("entry").path("text").asText());
                    }
                }
                case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
                default -> {
                    // Other events are not looked at.
                }
            }
        }

        /** Sets the viewport, then loads the URL; returns when the page says it is ready. */
        void open(String url, int width, int height, Duration timeout) throws Exception {
            call("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false), session);
            call("Page.navigate", Map.of("url", url), session);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!"true".equals(evaluate("(document.documentElement && document.documentElement.dataset.ready) || ''").asText())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(url + " was not ready within " + timeout.toSeconds() + " s; errors: " + errors);
                }
                Thread.sleep(50);
            }
        }

        /** The value of a JavaScript expression, awaited when it is a promise. */
        JsonNode evaluate(String expression) throws Exception {
            JsonNode result = call("Runtime.evaluate",
                    Map.of("expression", expression, "returnByValue", true, "awaitPromise", true), session);
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** A PNG of the whole page (not only the viewport). */
        void screenshot(Path file) throws Exception {
            JsonNode result = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true), session);
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
        }

        /** A PNG of the first element the CSS selector matches. */
        void screenshot(Path file, String selector) throws Exception {
            JsonNode box = evaluate("(() => { const r = document.querySelector('" + selector + "').getBoundingClientRect();"
                    + " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })()");
            Map<String, Object> clip = Map.of("x", box.get("x").asDouble(), "y", box.get("y").asDouble(),
                    "width", box.get("width").asDouble(), "height", box.get("height").asDouble(), "scale", 1);
            JsonNode result = call("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip), session);
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
        }

        /** Uncaught exceptions, console errors and browser log errors (failed loads, blocked requests). */
        List<String> errors() {
            return List.copyOf(errors);
        }

        /** Every URL the page requested, the page itself included. */
        List<String> requests() {
            return List.copyOf(requests);
        }
    }

    /** Joins fragmented text frames into whole DevTools messages. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Consumer<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                messages.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}

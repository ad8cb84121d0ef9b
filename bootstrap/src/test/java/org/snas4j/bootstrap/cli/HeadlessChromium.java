package org.snas4j.bootstrap.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's WebSocket client): opens a
 * page, collects every script exception, console error and log error while it loads, and answers
 * questions about the loaded page.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^/]+)/devtools/browser/.*");
    private static final long TIMEOUT_SECONDS = 120;

    private final Process process;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> messages;
    private final List<String> errors = new ArrayList<>();
    private int nextId;

    private HeadlessChromium(Process process, WebSocket socket, BlockingQueue<JsonObject> messages) {
        this.process = process;
        this.socket = socket;
        this.messages = messages;
    }

    static boolean installed() {
        try {
            return new ProcessBuilder("chromium", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static HeadlessChromium start(Path profile) throws Exception {
        Process process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1300,1800", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            String endpoint = null;
            String line;
            while (endpoint == null && (line = stderr.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    endpoint = m.group(1);
                }
            }
            if (endpoint == null) {
                throw new IllegalStateException("Chromium did not open its DevTools endpoint");
            }
            Thread drain = new Thread(() -> stderr.lines().forEach(ignored -> { }), "chromium-stderr");
            drain.setDaemon(true);
            drain.start();
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create(endpoint.replace("ws://", "http://") + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String page = null;
            for (JsonElement target : JsonParser.parseString(list).getAsJsonArray()) {
                if (target.getAsJsonObject().get("type").getAsString().equals("page")) {
                    page = target.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium lists no page: " + list);
            }
            BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(page), new Listener(messages)).get(30, TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket, messages);
            for (String domain : List.of("Runtime.enable", "Log.enable", "Page.enable")) {
                chromium.call(domain, new JsonObject());
            }
            return chromium;
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code file} and waits until it has loaded. */
    void open(Path file) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("url", file.toUri().toString());
        call("Page.navigate", params);
        awaitEvent("Page.loadEventFired");
    }

    /** The value of a JavaScript expression in the page, as JSON. */
    JsonElement evaluate(String expression) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        return call("Runtime.evaluate", params).getAsJsonObject("result").get("value");
    }

    /** The whole page as a PNG. */
    byte[] screenshot() throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        params.addProperty("captureBeyondViewport", true);
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").getAsString());
    }

    /** Script exceptions, console errors and log errors seen so far. */
    List<String> errors() {
        messages.forEach(this::noteError);
        messages.clear();
        return List.copyOf(errors);
    }

    private JsonObject call(String method, JsonObject params) throws Exception {
        int id = ++nextId;
        JsonObject request = new JsonObject();
        request.addProperty("id", id);
        request.addProperty("method", method);
        request.add("params", params);
        socket.sendText(request.toString(), true).get(30, TimeUnit.SECONDS);
        while (true) {
            JsonObject message = next(method);
            if (message.has("id") && message.get("id").getAsInt() == id) {
                if (message.has("error")) {
                    throw new IllegalStateException(method + " failed: " + message.get("error"));
                }
                return message.getAsJsonObject("result");
            }
            noteError(message);
        }
    }

    private void awaitEvent(String event) throws Exception {
        while (true) {
            JsonObject message = next(event);
            noteError(message);
            if (message.has("method") && message.get("method").getAsString().equals(event)) {
                return;
            }
        }
    }

    private JsonObject next(String waitingFor) throws InterruptedException {
        JsonObject message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            throw new IllegalStateException("Chromium sent nothing for " + TIMEOUT_SECONDS + " s while waiting for " + waitingFor);
        }
        return message;
    }

    private void noteError(JsonObject message) {
        if (!message.has("method")) {
            return;
        }
        JsonObject params = message.getAsJsonObject("params");
        switch (message.get("method").getAsString()) {
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.get("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if (params.get("type").getAsString().equals("error")) {
                    errors.add("console: " + params.get("args"));
                }
            }
            case "Log.entryAdded" -> {
                JsonObject entry = params.getAsJsonObject("entry");
                if (entry.get("level").getAsString().equals("error")) {
                    errors.add("log: " + entry.get("text").getAsString());
                }
            }
            default -> {
                // Other events say nothing about errors.
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final BlockingQueue<JsonObject> queue;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<JsonObject> queue) {
            this.queue = queue;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}

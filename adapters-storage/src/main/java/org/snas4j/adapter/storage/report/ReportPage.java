package org.snas4j.adapter.storage.report;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The report's HTML, built in document order: sections, headings, paragraphs, tables and figures
 * whose images are inlined as data URIs. Every text is escaped.
 */
final class ReportPage {

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 24px auto; max-width: 1280px; color: #222; }
            h1 { font-size: 1.5em; } h2 { border-bottom: 2px solid #08306b; padding-bottom: 4px; margin-top: 2em; }
            h3 { margin-top: 1.5em; } h4 { margin: 1em 0 0.3em; color: #444; }
            table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
            th { background: #eef3fa; } td:first-child { color: #444; }
            .figures { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
            figure { margin: 0; } figcaption { font-size: 0.8em; color: #555; max-width: 600px; }
            .small img { width: 300px; } .muted { color: #666; font-size: 0.9em; }
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;
    private boolean sectionOpen;

    ReportPage(String title, Instant generated) {
        this.title = title;
        body.append("<h1>").append(escape(title)).append("</h1>\n");
        body.append("<p class=\"muted\">Written ").append(escape(generated.toString()))
                .append(" by snas4j's report command. Self-contained: it needs no network and no server.</p>\n");
    }

    void section(String id, String heading) {
        closeSection();
        body.append("<section id=\"").append(escape(id)).append("\">\n<h2>").append(escape(heading)).append("</h2>\n");
        sectionOpen = true;
    }

    void heading(String text) {
        body.append("<h3>").append(escape(text)).append("</h3>\n");
    }

    void subheading(String text) {
        body.append("<h4>").append(escape(text)).append("</h4>\n");
    }

    void paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
    }

    /** A table; the first row is a header row when {@code header}. */
    void table(List<List<String>> rows, boolean header) {
        body.append("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            String cell = header && r == 0 ? "th" : "td";
            body.append("<tr>");
            for (String value : rows.get(r)) {
                body.append('<').append(cell).append('>').append(escape(value)).append("</").append(cell).append('>');
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
    }

    /** Figures side by side, each image inlined, its title as alternative text. */
    void images(List<String> titles, List<byte[]> images, String mediaType) {
        figures("figures", titles, images, mediaType);
    }

    /** Small PNG figures side by side (the heat maps of one cell's edges). */
    void smallImages(List<String> titles, List<byte[]> pngs) {
        figures("figures small", titles, pngs, "image/png");
    }

    private void figures(String cssClass, List<String> titles, List<byte[]> images, String mediaType) {
        if (titles.size() != images.size()) {
            throw new IllegalArgumentException(titles.size() + " titles for " + images.size() + " images");
        }
        if (images.isEmpty()) {
            return;
        }
        body.append("<div class=\"").append(cssClass).append("\">\n");
        for (int i = 0; i < images.size(); i++) {
            body.append("<figure><img alt=\"").append(escape(titles.get(i))).append("\" src=\"data:").append(mediaType)
                    .append(";base64,").append(Base64.getEncoder().encodeToString(images.get(i))).append("\"></figure>\n");
        }
        body.append("</div>\n");
    }

    String html() {
        closeSection();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n<style>\n"
                + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private void closeSection() {
        if (sectionOpen) {
            body.append("</section>\n");
            sectionOpen = false;
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

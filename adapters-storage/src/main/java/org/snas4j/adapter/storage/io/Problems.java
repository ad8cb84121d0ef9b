package org.snas4j.adapter.storage.io;

/** Keeps problem descriptions to one printable line, whatever bytes a damaged file put into them. */
public final class Problems {

    private Problems() {
    }

    /** Collapses runs of whitespace to one space and escapes other control characters as {@code \\uXXXX}. */
    public static String oneLine(String problem) {
        StringBuilder line = new StringBuilder(problem.length());
        boolean inWhitespace = false;
        for (int i = 0; i < problem.length(); i++) {
            char c = problem.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!inWhitespace) {
                    line.append(' ');
                }
                inWhitespace = true;
                continue;
            }
            inWhitespace = false;
            if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        return line.toString().trim();
    }
}

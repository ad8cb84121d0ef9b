package org.snas4j.adapter.storage.report;

/** What every chart of this package needs before it draws. */
final class Charts {

    private Charts() {
    }

    /** A command-line tool draws off screen; without this AWT may look for a display it does not need. */
    static void drawOffScreen() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}

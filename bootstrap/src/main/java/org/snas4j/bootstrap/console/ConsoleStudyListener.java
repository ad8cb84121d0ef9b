package org.snas4j.bootstrap.console;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.application.port.in.study.StudyAction;
import org.snas4j.application.port.out.progress.StudyListener;

/** One log line per study item, between the progress of the searches and retrainings it runs. */
public final class ConsoleStudyListener implements StudyListener {

    private static final Logger LOG = LoggerFactory.getLogger("snas4j.study");

    @Override
    public void studyStarted(Path studyDirectory, int items) {
        LOG.info(String.format(Locale.ROOT, "study %s: %d runs; a stopped study continues with the same options and --output %s",
                studyDirectory, items, studyDirectory));
    }

    @Override
    public void itemStarting(String item, int position, int items, StudyAction action) {
        String what = switch (action) {
            case STARTED -> "starting";
            case RESUMED -> "resuming from its newest checkpoint";
            case KEPT -> "finished before: kept";
        };
        LOG.info(String.format(Locale.ROOT, "study run %d/%d %s: %s", position, items, item, what));
    }
}

package org.snas4j.adapter.storage.report;

import org.snas4j.adapter.storage.retrain.FileChildRunDirectoryFactory;
import org.snas4j.adapter.storage.search.FileRunDirectoryFactory;
import org.snas4j.adapter.storage.study.FileStudyFiles;
import org.snas4j.application.port.out.report.RunArchive;
import org.snas4j.application.port.out.report.RunArchiveContract;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.StudyFiles;

class FileRunArchiveTest extends RunArchiveContract {

    @Override
    protected RunArchive archive() {
        return new FileRunArchive();
    }

    @Override
    protected RunDirectoryFactory searchRuns() {
        return new FileRunDirectoryFactory();
    }

    @Override
    protected ChildRunDirectoryFactory trainingRuns() {
        return new FileChildRunDirectoryFactory();
    }

    @Override
    protected StudyFiles studyFiles() {
        return new FileStudyFiles();
    }
}

package org.snas4j.adapter.storage.dataset;

import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.DatasetSourceContract;

class FileDatasetSourceContractTest extends DatasetSourceContract {

    @Override
    protected DatasetSource source() {
        return new FileDatasetSource();
    }
}

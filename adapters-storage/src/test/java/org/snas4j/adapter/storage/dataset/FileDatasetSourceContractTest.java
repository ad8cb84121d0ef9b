package org.snas4j.adapter.storage.dataset;

import org.snas4j.application.data.DatasetSourceContract;
import org.snas4j.application.port.out.DatasetSource;

class FileDatasetSourceContractTest extends DatasetSourceContract {

    @Override
    protected DatasetSource source() {
        return new FileDatasetSource();
    }
}

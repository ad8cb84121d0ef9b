package org.snas4j.adapter.storage.dataset.folder;

import org.snas4j.application.port.out.data.ImageFolderSource;
import org.snas4j.application.port.out.data.ImageFolderSourceContract;

class ImageFolderSourceContractTest extends ImageFolderSourceContract {

    @Override
    protected ImageFolderSource source() {
        return new ImageFolderLoader();
    }
}

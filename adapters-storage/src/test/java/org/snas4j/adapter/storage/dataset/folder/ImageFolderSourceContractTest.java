package org.snas4j.adapter.storage.dataset.folder;

import org.snas4j.application.port.out.ImageFolderSource;
import org.snas4j.application.port.out.ImageFolderSourceContract;

class ImageFolderSourceContractTest extends ImageFolderSourceContract {

    @Override
    protected ImageFolderSource source() {
        return new ImageFolderLoader();
    }
}

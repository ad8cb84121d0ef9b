package org.snas4j.adapter.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.snas4j.application.port.out.trial.TrialExecutor;
import org.snas4j.application.port.out.trial.TrialExecutorContract;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialLaunch;

/** The Kubernetes executor against the contract, on fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesTrialExecutorContractTest extends TrialExecutorContract {

    /** Static: one mock server for the class (each test uses its own trial indices, so their Jobs stay apart). */
    static KubernetesClient client;
    private MockCluster cluster;

    @BeforeEach
    void cluster() {
        cluster = new MockCluster(client).withNamespaceAndClaim();
    }

    @Override
    protected TrialExecutor executor() {
        return new KubernetesTrialExecutor(client, MockCluster.settings(2, Optional.of("2")));
    }

    @Override
    protected void end(TrialLaunch launch, TrialHandle handle, boolean success) {
        if (success) {
            cluster.complete(handle.id());
        } else {
            cluster.fail(handle.id(), 3);
        }
    }
}

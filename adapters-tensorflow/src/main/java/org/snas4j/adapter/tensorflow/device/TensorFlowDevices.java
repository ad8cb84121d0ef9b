package org.snas4j.adapter.tensorflow.device;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.device.DeviceAvailability;
import org.snas4j.application.port.out.device.DeviceInventory;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * The devices TensorFlow sees, listed by an empty session. TensorFlow Java 1.1 has no public call for
 * this ({@code Session} does not expose {@code TF_SessionListDevices}), so it goes through the C API
 * that TensorFlow Java itself is built on, freeing every native object it creates.
 */
public final class TensorFlowDevices implements DeviceAvailability {

    private static final String NATIVE_RESOURCES = "org/tensorflow/internal/c_api/";
    private static final String GPU_SUFFIX = "-gpu";

    /** Listed once: the devices do not change while the process runs, and the command line and a service may both ask. */
    private DeviceInventory listed;

    @Override
    public synchronized DeviceInventory inventory() {
        if (listed == null) {
            listed = list();
        }
        return listed;
    }

    private static DeviceInventory list() {
        TensorFlow.version(); // loads and initialises the native library before the raw C calls
        Set<Device> devices = EnumSet.noneOf(Device.class);
        List<String> names = new ArrayList<>();
        for (ListedDevice listed : listDevices()) {
            switch (listed.type()) {
                case "CPU" -> devices.add(Device.CPU);
                case "GPU" -> devices.add(Device.GPU);
                default -> {
                    // XLA and pluggable devices: named in messages, never chosen by --device.
                }
            }
            names.add(shortName(listed.name()));
        }
        String nativeBuild = nativeBuild();
        return new DeviceInventory(nativeBuild, nativeBuild.endsWith(GPU_SUFFIX), devices, names);
    }

    /**
     * The classifier of the native library on the class path: {@code linux-x86_64}, or
     * {@code linux-x86_64-gpu} when the jar was built with {@code -Pgpu} (JavaCPP prefers that one).
     */
    static String nativeBuild() {
        String platform = Loader.getPlatform();
        String library = System.mapLibraryName("jnitensorflow");
        ClassLoader loader = TensorFlow.class.getClassLoader();
        for (String build : List.of(platform + GPU_SUFFIX, platform)) {
            if (loader.getResource(NATIVE_RESOURCES + build + "/" + library) != null) {
                return build;
            }
        }
        return platform + " (native library not found on the class path)";
    }

    /** "/job:localhost/replica:0/task:0/device:CPU:0" becomes "CPU:0". */
    static String shortName(String name) {
        int device = name.toLowerCase(Locale.ROOT).lastIndexOf("device:");
        return device < 0 ? name : name.substring(device + "device:".length());
    }

    /**
     * The probe's session settings. TensorFlow sizes its process-wide thread pools from the FIRST
     * session's configuration: the CPU devices' intra-op pool always, the inter-op pool unless the
     * session has its own. The probe usually is that first session, so it asks for the single intra-op
     * thread every trainer uses ({@link SessionSettings#of}; more crashed TensorFlow's oneDNN kernels) and
     * keeps its inter-op threads to itself, leaving the run's session to size the shared pool. Memory
     * grows on demand: the probe must not reserve a GPU's memory, even for a moment.
     */
    static ConfigProto probeConfig() {
        return SessionSettings.of(Device.GPU, 1).toConfigProto().toBuilder().setUsePerSessionThreads(true).build();
    }

    /** A device as TensorFlow lists it: type ("CPU", "GPU", "XLA_CPU"...) and full name. */
    private record ListedDevice(String type, String name) {
    }

    /** Every device an empty session on the default configuration sees. */
    private static List<ListedDevice> listDevices() {
        TF_Status status = TF_NewStatus();
        TF_Graph graph = TF_NewGraph();
        TF_SessionOptions options = TF_NewSessionOptions();
        try {
            byte[] config = probeConfig().toByteArray();
            try (BytePointer configBytes = new BytePointer(config)) {
                TF_SetConfig(options, configBytes, config.length, status);
            }
            status.throwExceptionIfNotOK();
            TF_Session session = TF_NewSession(graph, options, status);
            status.throwExceptionIfNotOK();
            try {
                TF_DeviceList list = TF_SessionListDevices(session, status);
                status.throwExceptionIfNotOK();
                try {
                    List<ListedDevice> devices = new ArrayList<>();
                    for (int i = 0; i < TF_DeviceListCount(list); i++) {
                        String type = TF_DeviceListType(list, i, status).getString();
                        status.throwExceptionIfNotOK();
                        String name = TF_DeviceListName(list, i, status).getString();
                        status.throwExceptionIfNotOK();
                        devices.add(new ListedDevice(type, name));
                    }
                    return devices;
                } finally {
                    TF_DeleteDeviceList(list);
                }
            } finally {
                TF_CloseSession(session, status);
                TF_DeleteSession(session, status);
            }
        } finally {
            TF_DeleteSessionOptions(options);
            TF_DeleteGraph(graph);
            TF_DeleteStatus(status);
        }
    }
}

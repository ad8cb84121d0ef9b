package org.snas4j.adapter.storage.io;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;

/**
 * Binary protobuf keeps fields it does not know instead of failing; for snas4j's own files such a
 * field means a garbled tag byte (or a newer writer), and silently dropping it could change the
 * meaning, so the whole message is refused.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static void reject(Message message) throws InvalidProtocolBufferException {
        if (!message.getUnknownFields().asMap().isEmpty()) {
            throw new InvalidProtocolBufferException("unknown field number " + message.getUnknownFields().asMap().keySet().iterator().next()
                    + " in " + message.getDescriptorForType().getName());
        }
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.getKey().isRepeated()) {
                for (Object element : (List<?>) field.getValue()) {
                    reject((Message) element);
                }
            } else {
                reject((Message) field.getValue());
            }
        }
    }
}

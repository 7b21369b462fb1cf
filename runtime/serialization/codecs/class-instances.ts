/**
 * Instances of classes with custom serialization (see class-registry.ts):
 * `["Instance", [classId, data]]`. The data cannot lead back to the instance,
 * since the instance only exists once its class has rebuilt it from the data.
 */
import {
  findSerializableClass,
  getOwnClassId,
  type SerializableClass,
  WORKFLOW_DESERIALIZE,
  WORKFLOW_SERIALIZE,
} from "../class-registry.js";
import { CLASS_HINT, DESERIALIZE_METHOD, SERIALIZE_METHOD } from "../describe-value.js";
import { createUnknownClassError } from "../error-messages.js";
import { readString, type TypeDecoder, type Writer } from "./codec.js";

/** The entry for an instance of `cls`, a class with a workflow-serialize method. */
export function encodeInstance(instance: object, cls: SerializableClass, writer: Writer): string {
  const classId = getOwnClassId(cls as unknown as Function);
  if (classId === undefined) {
    throw writer.unsupported(instance, undefined, {
      type: `class ${cls.name} instance`,
      hint: `Class ${cls.name} has a static ${SERIALIZE_METHOD} method but no classId, so it was never registered: define it in a file the workflow compiler transforms, or register it with registerSerializableClass().`,
    });
  }
  let data: unknown;
  try {
    data = cls[WORKFLOW_SERIALIZE](instance);
  } catch (error) {
    throw writer.callbackFailed(`${SERIALIZE_METHOD} of class ${cls.name}`, error);
  }
  const dataRef = writer.write(data, { kind: "note", text: `serialized by class ${cls.name}` });
  return `["Instance",${writer.add(`[${writer.write(classId)},${dataRef}]`)}]`;
}

/** Describes a reference from an instance's data back to the instance. */
export function describeCycle(cls: SerializableClass) {
  return {
    type: `reference back to a class ${cls.name} instance`,
    hint: `The data ${SERIALIZE_METHOD} returns cannot lead back to the instance itself; ${CLASS_HINT} that return plain data.`,
  };
}

export const instanceDecoders: Record<string, TypeDecoder> = {
  Instance: {
    create(entry, reader) {
      const payload = reader.entry(entry[1]);
      if (!Array.isArray(payload) || payload.length !== 2) {
        throw reader.malformed("an Instance without its class ID and data");
      }
      const classId = readString(reader.read(payload[0]), reader, "a class ID");
      const cls = findSerializableClass(classId, reader.realm.globals);
      if (cls === undefined) throw createUnknownClassError(reader.operation, classId);
      const data = reader.read(payload[1]);
      try {
        return cls[WORKFLOW_DESERIALIZE](data);
      } catch (error) {
        throw reader.callbackFailed(`${DESERIALIZE_METHOD} of class ${cls.name}`, error);
      }
    },
  },
};

/**
 * Functions that can be values: a step function (anything with a string
 * `stepId`) as `["StepFunction", stepId]`, resolved through the context's
 * `resolveStep`; a registered class itself as `["Class", classId]`.
 */
import { getClassRegistry, getOwnClassId } from "../class-registry.js";
import {
  createMissingCallbackError,
  createUnknownClassError,
  createUnknownStepError,
} from "../error-messages.js";
import { readString, type TypeDecoder, type Writer } from "./codec.js";

/** The entry for a function, or undefined when it cannot be serialized. */
export function encodeFunction(fn: Function, writer: Writer): string | undefined {
  const stepId: unknown = (fn as { stepId?: unknown }).stepId;
  if (typeof stepId === "string") return `["StepFunction",${writer.write(stepId)}]`;
  const classId = getOwnClassId(fn);
  if (classId !== undefined) return `["Class",${writer.write(classId)}]`;
  return undefined;
}

export const functionDecoders: Record<string, TypeDecoder> = {
  StepFunction: {
    create(entry, reader) {
      const stepId = readString(reader.read(entry[1]), reader, "a step ID");
      const { resolveStep } = reader.context;
      if (resolveStep === undefined) {
        throw createMissingCallbackError(
          reader.operation,
          "step function reference",
          "resolveStep",
        );
      }
      let step: unknown;
      try {
        step = resolveStep(stepId);
      } catch (error) {
        throw reader.callbackFailed("the context's resolveStep", error);
      }
      if (step === undefined) throw createUnknownStepError(reader.operation, stepId);
      return step;
    },
  },
  Class: {
    create(entry, reader) {
      const classId = readString(reader.read(entry[1]), reader, "a class ID");
      for (const global of reader.realm.globals) {
        const cls = getClassRegistry(global)?.get(classId);
        if (cls !== undefined) return cls;
      }
      throw createUnknownClassError(reader.operation, classId);
    },
  },
};

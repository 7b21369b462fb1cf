import { describe, expect, it } from "vitest";
import {
  deserialize,
  isSerializationError,
  registerSerializableClass,
  serialize,
} from "./index.js";
import { WORKFLOW_DESERIALIZE, WORKFLOW_SERIALIZE } from "./index.js";

function failure(text: string, context = { operation: 'result of step "step//./a//b"' }) {
  try {
    deserialize(text, context);
  } catch (error) {
    if (isSerializationError(error)) return error;
    throw error;
  }
  throw new Error("deserialize did not throw");
}

describe("malformed input", () => {
  const cases: Record<string, string> = {
    "not JSON": "[1,",
    "an empty array": "[]",
    "a JSON object": '{"a":1}',
    "a bare string": '"text"',
    "a hole as the value": "-2",
    "an unknown constant": "-9",
    "a reference past the end": '[{"a":5}]',
    "a fractional reference": "[[0.5]]",
    "a reference that is not a number": '[{"a":"0"}]',
    "an unknown tag": '[["Function","return 1"]]',
    "a Date without a string": '[["Date",5]]',
    "a BigInt that is not digits": '[["BigInt","12abc"]]',
    "an invalid URL": '[["URL","not a url"]]',
    "an invalid RegExp": '[["RegExp","(","gg"]]',
    "a typed array over itself": '[["Uint8Array",0]]',
    "a typed array over a non-buffer": '[["Uint8Array",1],"AAAA"]',
    "a misaligned typed array": '[["Float64Array",1],["ArrayBuffer","AAA="]]',
    "a boxed object": '[["Object",1],{}]',
    "a Map with a dangling key": '[["Map",1],"k"]',
    "a sparse array with a bad length": "[[-7,-1]]",
    "a sparse array index out of range": "[[-7,2,5,1],1]",
    "an error without fields": '[["Error",1],"x"]',
    "a step reference to a non-string": '[["StepFunction",1],5]',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      const error = failure(text);
      expect(error.code).toBe("SERIALIZATION_MALFORMED_INPUT");
      expect(error.message).toMatch(
        /^Cannot deserialize result of step "step\/\/\.\/a\/\/b": the input is malformed \(/,
      );
    });
  }

  it("rejects a cycle through a value that is built from its children", () => {
    class Box {
      constructor(readonly inner: unknown) {}
      static [WORKFLOW_SERIALIZE](box: Box) {
        return box.inner;
      }
      static [WORKFLOW_DESERIALIZE](inner: unknown) {
        return new Box(inner);
      }
    }
    registerSerializableClass("class//./malformed//Box", Box);
    const error = failure('[["Instance",1],[2,0],"class//./malformed//Box"]');
    expect(error.code).toBe("SERIALIZATION_MALFORMED_INPUT");
    expect(error.message).toMatch(/a cycle/);
  });

  it("accepts a cycle through an array (a legitimate self-reference)", () => {
    const array = deserialize("[[0]]") as unknown[];
    expect(array[0]).toBe(array);
  });

  it("reads what serialize writes for top-level constants", () => {
    for (const value of [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
    ]) {
      const text = serialize(value);
      expect(text).toMatch(/^-\d$/);
      expect(deserialize(text)).toBe(value);
    }
  });
});

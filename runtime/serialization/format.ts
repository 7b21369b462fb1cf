/**
 * The wire format is devalue's (https://github.com/sveltejs/devalue) flattened
 * JSON: a JSON array whose entry 0 is the root value. Inside arrays, objects and
 * tagged entries, values are referenced by their entry index, so shared and
 * cyclic references survive; a negative "index" is one of the constants below.
 *
 *   primitive            "text", 42, true, null
 *   array                [1, 2, -2, 3]           (-2 = hole)
 *   sparse array         [-7, length, index, value, ...]
 *   plain object         {"key": 1}
 *   null-prototype obj.  ["null", "key", 1, ...]
 *   built-in types       ["Date", iso], ["Map", k, v, ...], ["Set", v, ...],
 *                        ["RegExp", source, flags?], ["BigInt", "123"],
 *                        ["Object", primitive] (boxed), ["URL", href],
 *                        ["URLSearchParams", query], ["ArrayBuffer", base64],
 *                        ["Uint8Array", buffer, byteOffset?, length?], ...
 *   our own types        [tag, payload] — devalue's form for custom reducers:
 *                        Error kinds, DOMException, Headers, Request, Response,
 *                        ReadableStream, WritableStream, StepFunction, Class,
 *                        Instance.
 *
 * A value that is itself one of the constants serializes as that bare number
 * (`undefined` is "-1"). devalue's `parse` reads everything we write for the
 * types it knows, and we read what its `stringify` writes.
 */

/** `undefined`. */
export const UNDEFINED = -1;
/** An array hole (only inside an array entry). */
export const HOLE = -2;
/** `NaN`. */
export const NAN = -3;
/** `Infinity`. */
export const POSITIVE_INFINITY = -4;
/** `-Infinity`. */
export const NEGATIVE_INFINITY = -5;
/** `-0`. */
export const NEGATIVE_ZERO = -6;
/** First element of a sparse array entry. */
export const SPARSE = -7;

/** The largest valid array index (one less than the largest length). */
export const MAX_ARRAY_INDEX = 2 ** 32 - 2;

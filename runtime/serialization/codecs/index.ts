/** Every built-in codec, by the brand it writes and the tag it reads. */
import { binaryDecoders, binaryEncoders } from "./binary.js";
import { boxedDecoders, boxedEncoders } from "./boxed.js";
import { instanceDecoders } from "./class-instances.js";
import type { TypeDecoder, TypeEncoder } from "./codec.js";
import { collectionDecoders, collectionEncoders } from "./collections.js";
import { dateDecoders, dateEncoders } from "./date.js";
import { errorDecoders, errorEncoders } from "./errors.js";
import { functionDecoders } from "./functions.js";
import { headersDecoders, headersEncoders } from "./headers.js";
import { regExpDecoders, regExpEncoders } from "./regexp.js";
import { requestResponseDecoders, requestResponseEncoders } from "./request-response.js";
import { streamDecoders, streamEncoders } from "./streams.js";
import { urlDecoders, urlEncoders } from "./url.js";

export { encodeInstance, describeCycle } from "./class-instances.js";
export type { Reader, TypeDecoder, TypeEncoder, Writer } from "./codec.js";
export { encodeFunction } from "./functions.js";

/** Encoders by brand (Object.prototype.toString tag). */
export const ENCODERS: ReadonlyMap<string, TypeEncoder> = new Map(
  Object.entries({
    ...dateEncoders,
    ...regExpEncoders,
    ...boxedEncoders,
    ...collectionEncoders,
    ...binaryEncoders,
    ...urlEncoders,
    ...headersEncoders,
    ...errorEncoders,
    ...requestResponseEncoders,
    ...streamEncoders,
  }),
);

/** Decoders by entry tag. Only these tags are ever read; any other is malformed input. */
export const DECODERS: ReadonlyMap<string, TypeDecoder> = new Map(
  Object.entries({
    ...dateDecoders,
    ...regExpDecoders,
    ...boxedDecoders,
    ...collectionDecoders,
    ...binaryDecoders,
    ...urlDecoders,
    ...headersDecoders,
    ...errorDecoders,
    ...requestResponseDecoders,
    ...streamDecoders,
    ...functionDecoders,
    ...instanceDecoders,
  }),
);

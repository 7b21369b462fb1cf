import {
  DIRECTIVE_WORDS,
  findDirectiveWords,
  toDirectiveKind,
  toNearMissKind,
} from "./directives.js";

const SERDE_KEYS = ["WORKFLOW_SERIALIZE", "WORKFLOW_DESERIALIZE"];
const SERDE_SYMBOLS = new Set(["workflow-serialize", "workflow-deserialize"]);
const DIRECTIVE_PART = new RegExp(DIRECTIVE_WORDS.join("|"), "i");

const BACKSLASH = 92;
const LF = 10;
const CR = 13;

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
  0: "\0",
};

/** The value of a string literal's body: escape sequences decoded (a malformed one would not parse). */
function cook(raw: string): string {
  return raw.replace(
    /\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\s\S]))/g,
    (_, codePoint?: string, unit?: string, byte?: string, char?: string) => {
      if (codePoint) {
        const value = parseInt(codePoint, 16);
        return value <= 0x10ffff ? String.fromCodePoint(value) : "";
      }
      if (unit || byte) return String.fromCharCode(parseInt((unit ?? byte)!, 16));
      if (/^(?:\r\n|[\r\n\u2028\u2029])$/.test(char!)) return ""; // line continuation
      return ESCAPES[char!] ?? char!;
    },
  );
}

const isInteresting = (text: string) =>
  text.length >= 7 &&
  DIRECTIVE_PART.test(text) &&
  (toDirectiveKind(text) !== null || toNearMissKind(text) !== null || SERDE_SYMBOLS.has(text));

/**
 * Offsets the analysis has to look at; any node that contains none of them can be skipped:
 * every string that is or almost is a directive (its raw text or its decoded value: directive
 * prologues keep the raw text, other strings the value), the custom-serialization keys
 * (`WORKFLOW_SERIALIZE`, `Symbol.for("workflow-serialize")`), and every `\u` (an escaped
 * identifier can spell a key). A string is tried from every quote, so a quote inside a comment,
 * a regex or a template cannot hide the real string behind it; it only adds a harmless offset.
 */
export function findCandidateOffsets(code: string): number[] {
  const offsets: number[] = [];
  // Where "use", "step" or "workflow" occur: a string without one needs no closer look (such
  // a word holds no quote, so one that starts inside a string ends inside it).
  const words = findDirectiveWords(code);
  let word = 0;
  let nextDouble = code.indexOf('"');
  let nextSingle = code.indexOf("'");
  while (nextDouble >= 0 || nextSingle >= 0) {
    const open =
      nextSingle < 0 || (nextDouble >= 0 && nextDouble < nextSingle) ? nextDouble : nextSingle;
    if (open === nextDouble) nextDouble = code.indexOf('"', open + 1);
    else nextSingle = code.indexOf("'", open + 1);

    // The string that would start at this quote: up to the same quote, on the same line.
    const quote = code.charCodeAt(open);
    let end = -1;
    let escapes = false;
    for (let i = open + 1; i < code.length; i++) {
      const c = code.charCodeAt(i);
      if (c === quote) {
        end = i;
        break;
      }
      if (c === LF || c === CR) break;
      if (c === BACKSLASH) {
        escapes = true;
        i += code.charCodeAt(i + 1) === CR && code.charCodeAt(i + 2) === LF ? 2 : 1;
      }
    }
    if (end < 0) continue;
    while (word < words.length && words[word]! <= open) word++;
    const hasWord = word < words.length && words[word]! < end;
    if (!hasWord && !escapes) continue;
    const raw = code.slice(open + 1, end);
    if (isInteresting(raw) || (escapes && isInteresting(cook(raw)))) offsets.push(open);
  }
  for (const text of [...SERDE_KEYS, "\\u"]) {
    for (let i = code.indexOf(text); i >= 0; i = code.indexOf(text, i + 1)) offsets.push(i);
  }
  return offsets.sort((a, b) => a - b);
}

/** Does the range [start, end) hold one of the sorted `offsets`? */
export function containsOffset(offsets: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length && offsets[lo]! < end;
}

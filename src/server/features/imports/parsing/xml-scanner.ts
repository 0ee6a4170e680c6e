import { StatementFileError } from './statement-file-error.js';

// The scanner works on the UTF-8 bytes, not on decoded text: markup is ASCII, byte access is several times
// cheaper than charCodeAt, and most of a sheet (tags, shared-string indexes) never needs to become a string.
// Names, attributes and text are passed as byte ranges; names are local (any namespace prefix skipped).
export type XmlEvents = {
  /**
   * The element's local name is `source[nameStart..nameEnd)`, its attributes `source[nameEnd..attributesEnd)`.
   * It may read the element's content itself and return where scanning resumes; -1 lets the scanner go on.
   */
  open: (
    source: Buffer,
    nameStart: number,
    nameEnd: number,
    attributesEnd: number,
    isSelfClosing: boolean,
  ) => number;
  close: (source: Buffer, nameStart: number, nameEnd: number) => void;
  /** Character data between tags: raw (entities still encoded), or CDATA (taken as is). */
  text: (source: Buffer, start: number, end: number, isCdata: boolean) => void;
};

export type XmlScanner = { write: (chunk: Buffer) => void; end: () => void };

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COLON = 58;
const EQUALS = 61;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const EMPTY = Buffer.alloc(0);
const COMMENT_START = Buffer.from('<!--');
const COMMENT_END = Buffer.from('-->');
const CDATA_START = Buffer.from('<![CDATA[');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');

function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Whether `source[at..]` starts with `bytes`. */
export function hasBytes(source: Uint8Array, at: number, bytes: Uint8Array): boolean {
  if (at + bytes.length > source.length) {
    return false;
  }
  for (let i = 0; i < bytes.length; i += 1) {
    if (source[at + i] !== bytes[i]) {
      return false;
    }
  }
  return true;
}

/** Whether `source[start..end)` is the ASCII `name`. */
export function isName(source: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) {
    return false;
  }
  for (let i = 0; i < name.length; i += 1) {
    if (source[start + i] !== name.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

/**
 * A minimal streaming XML tokenizer for worksheet and shared-string parts: several times faster than a full
 * parser on these large, flat documents. It does not check well-formedness; a DOCTYPE is refused (no part of a
 * workbook has one, and entity declarations are how XML bombs work).
 */
export function createXmlScanner(events: XmlEvents, maxPendingBytes: number): XmlScanner {
  let pending: Buffer = EMPTY;

  const write = (chunk: Buffer): void => {
    const s = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      let lt = pos;
      while (lt < n && s[lt] !== LT) {
        lt += 1;
      }
      if (lt + 1 >= n) {
        break;
      }
      if (lt > pos) {
        events.text(s, pos, lt, false);
        pos = lt;
      }
      const next = s[lt + 1];
      if (next === SLASH) {
        let nameStart = lt + 2;
        let nameEnd = -1;
        let gt = nameStart;
        for (; gt < n; gt += 1) {
          const code = s[gt];
          if (code === GT) {
            break;
          }
          if (code === COLON) {
            nameStart = gt + 1;
          } else if (nameEnd < 0 && isXmlSpace(code ?? 0)) {
            nameEnd = gt;
          }
        }
        if (gt >= n) {
          break;
        }
        events.close(s, nameStart, nameEnd < 0 ? gt : nameEnd);
        pos = gt + 1;
      } else if (next === QUESTION) {
        const end = s.indexOf(PI_END, lt + 2);
        if (end < 0) {
          break;
        }
        pos = end + 2;
      } else if (next === BANG) {
        if (hasBytes(s, lt, COMMENT_START)) {
          const end = s.indexOf(COMMENT_END, lt + 4);
          if (end < 0) {
            break;
          }
          pos = end + 3;
        } else if (hasBytes(s, lt, CDATA_START)) {
          const end = s.indexOf(CDATA_END, lt + 9);
          if (end < 0) {
            break;
          }
          events.text(s, lt + 9, end, true);
          pos = end + 3;
        } else if (n - lt < CDATA_START.length) {
          break;
        } else {
          throw new StatementFileError('xlsx_invalid');
        }
      } else {
        let nameStart = lt + 1;
        let nameEnd = nameStart;
        for (; nameEnd < n; nameEnd += 1) {
          const code = s[nameEnd] ?? 0;
          if (code === GT || code === SLASH || isXmlSpace(code)) {
            break;
          }
          if (code === COLON) {
            nameStart = nameEnd + 1;
          }
        }
        let gt = nameEnd;
        for (; gt < n; gt += 1) {
          const code = s[gt];
          if (code === GT) {
            break;
          }
          if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
            gt = closingQuote(s, gt + 1, n, code);
          }
        }
        if (gt >= n) {
          break;
        }
        const isSelfClosing = s[gt - 1] === SLASH;
        const resume = events.open(s, nameStart, nameEnd, isSelfClosing ? gt - 1 : gt, isSelfClosing);
        pos = resume < 0 ? gt + 1 : resume;
      }
    }
    pending = pos >= n ? EMPTY : s.subarray(pos);
    if (pending.length > maxPendingBytes) {
      throw new StatementFileError('xlsx_invalid');
    }
  };

  const end = (): void => {
    if (pending.length > 0 && pending[0] !== LT) {
      events.text(pending, 0, pending.length, false);
    }
    pending = EMPTY;
  };

  return { write, end };
}

/** Index of `quote` in `s[from..end)`, else `end`. */
function closingQuote(s: Uint8Array, from: number, end: number, quote: number): number {
  let i = from;
  while (i < end && s[i] !== quote) {
    i += 1;
  }
  return i;
}

/** Calls `visit` for each `name="value"` in `source[start..end)` with the ranges of name and (raw) value. */
export function forEachAttribute(
  source: Buffer,
  start: number,
  end: number,
  visit: (source: Buffer, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => void,
): void {
  let i = start;
  while (i < end) {
    if (isXmlSpace(source[i] ?? 0)) {
      i += 1;
      continue;
    }
    let equals = i;
    while (equals < end && source[equals] !== EQUALS) {
      equals += 1;
    }
    let q = equals + 1;
    while (q < end && isXmlSpace(source[q] ?? 0)) {
      q += 1;
    }
    const quote = source[q];
    if (q >= end || (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE)) {
      return;
    }
    const close = closingQuote(source, q + 1, end, quote);
    if (close >= end) {
      return;
    }
    let nameEnd = equals;
    while (nameEnd > i && isXmlSpace(source[nameEnd - 1] ?? 0)) {
      nameEnd -= 1;
    }
    visit(source, i, nameEnd, q + 1, close);
    i = close + 1;
  }
}

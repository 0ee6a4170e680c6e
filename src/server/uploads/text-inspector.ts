import { accept, activeContent, notAllowed, type ContentInspector } from './inspection.js';

/** Byte-level checks shared by CSV and XML: control characters and the text encoding. */
function createTextChecks() {
  // Bytes that Windows-1250 leaves undefined: text containing them is in no encoding we accept.
  const undefinedInCp1250 = new Set([0x81, 0x83, 0x88, 0x90, 0x98]);
  let position = 0;
  let control: string | undefined;
  let hasText = false;
  let isUtf8 = true;
  let hasUndefinedCp1250 = false;
  let pending = 0;
  let low = 0x80;
  let high = 0xbf;

  const checkUtf8 = (byte: number) => {
    if (pending > 0) {
      if (byte < low || byte > high) {
        isUtf8 = false;
      }
      low = 0x80;
      high = 0xbf;
      pending--;
      return;
    }
    if (byte < 0x80) {
      return;
    }
    // Ranges from RFC 3629, so overlong forms and surrogates are invalid too.
    if (byte >= 0xc2 && byte <= 0xdf) {
      pending = 1;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      pending = 2;
      low = byte === 0xe0 ? 0xa0 : 0x80;
      high = byte === 0xed ? 0x9f : 0xbf;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      pending = 3;
      low = byte === 0xf0 ? 0x90 : 0x80;
      high = byte === 0xf4 ? 0x8f : 0xbf;
    } else {
      isUtf8 = false;
    }
  };

  return {
    update(chunk: Buffer) {
      for (let i = 0; i < chunk.length && control === undefined; i++) {
        const byte = chunk[i] ?? 0;
        if (byte > 0x20 && byte < 0x80 && pending === 0) {
          hasText = true;
          continue;
        }
        if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) {
          const hex = byte.toString(16).padStart(2, '0');
          control = `The file contains a control character (0x${hex}) at byte ${position + i}, so it is not text`;
        }
        hasText ||= byte > 0x20;
        hasUndefinedCp1250 ||= undefinedInCp1250.has(byte);
        if (isUtf8) {
          checkUtf8(byte);
        }
      }
      position += chunk.length;
    },
    problem(): string | undefined {
      return control ?? (hasText ? undefined : 'The file contains no text');
    },
    isUtf8: () => isUtf8 && pending === 0,
    isCp1250: () => !hasUndefinedCp1250,
  };
}

export function createCsvInspector(): ContentInspector {
  const text = createTextChecks();
  return {
    update: (chunk) => {
      text.update(chunk);
    },
    finish() {
      const problem = text.problem();
      if (problem !== undefined) {
        return notAllowed(problem);
      }
      if (!text.isUtf8() && !text.isCp1250()) {
        return notAllowed('The text is neither UTF-8 nor Windows-1250');
      }
      return accept('csv');
    },
  };
}

const activeXmlTokens: Record<string, string> = {
  '<!doctype': 'a DOCTYPE declaration',
  '<!entity': 'an ENTITY declaration',
  '<script': 'a script element',
  'http://www.w3.org/1999/xhtml': 'XHTML content',
};

/** DOCTYPE and ENTITY open the door to external entities (XXE) and entity expansion. */
export function createXmlInspector(): ContentInspector {
  const text = createTextChecks();
  const tokens = Object.keys(activeXmlTokens);
  const keep = Math.max(...tokens.map((token) => token.length)) - 1;
  let tail = '';
  let found: string | undefined;
  return {
    update(chunk) {
      text.update(chunk);
      if (found !== undefined) {
        return;
      }
      const window = tail + chunk.toString('latin1').toLowerCase();
      let earliest = -1;
      for (const token of tokens) {
        const at = window.indexOf(token);
        if (at !== -1 && (earliest === -1 || at < earliest)) {
          earliest = at;
          found = token;
        }
      }
      tail = window.slice(-keep);
    },
    finish() {
      if (found !== undefined) {
        return activeContent(`The XML contains ${activeXmlTokens[found] ?? found}`);
      }
      const problem = text.problem();
      if (problem !== undefined) {
        return notAllowed(problem);
      }
      return text.isUtf8() ? accept('xml') : notAllowed('XML files must be encoded in UTF-8');
    },
  };
}

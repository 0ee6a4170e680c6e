// Turning the bytes of XML character data into text: only the cells a statement needs are ever decoded.

const fromCharCode = String.fromCharCode;

function asciiPiece(s: Uint8Array, i: number, length: number): string {
  switch (length) {
    case 1:
      return fromCharCode(s[i] ?? 0);
    case 2:
      return fromCharCode(s[i] ?? 0, s[i + 1] ?? 0);
    case 3:
      return fromCharCode(s[i] ?? 0, s[i + 1] ?? 0, s[i + 2] ?? 0);
    case 4:
      return fromCharCode(s[i] ?? 0, s[i + 1] ?? 0, s[i + 2] ?? 0, s[i + 3] ?? 0);
    case 5:
      return fromCharCode(s[i] ?? 0, s[i + 1] ?? 0, s[i + 2] ?? 0, s[i + 3] ?? 0, s[i + 4] ?? 0);
    case 6:
      return fromCharCode(
        s[i] ?? 0,
        s[i + 1] ?? 0,
        s[i + 2] ?? 0,
        s[i + 3] ?? 0,
        s[i + 4] ?? 0,
        s[i + 5] ?? 0,
      );
    case 7:
      // prettier-ignore
      return fromCharCode(s[i] ?? 0, s[i + 1] ?? 0, s[i + 2] ?? 0, s[i + 3] ?? 0, s[i + 4] ?? 0, s[i + 5] ?? 0, s[i + 6] ?? 0);
    default:
      // prettier-ignore
      return fromCharCode(s[i] ?? 0, s[i + 1] ?? 0, s[i + 2] ?? 0, s[i + 3] ?? 0, s[i + 4] ?? 0, s[i + 5] ?? 0, s[i + 6] ?? 0, s[i + 7] ?? 0);
  }
}

/** `source[start..end)` as text: short ASCII (numbers) built in JavaScript, which beats a call into C++. */
export function bytesToText(source: Buffer, start: number, end: number): string {
  if (end - start > 32) {
    return source.toString('utf8', start, end);
  }
  for (let i = start; i < end; i += 1) {
    if ((source[i] ?? 0) >= 0x80) {
      return source.toString('utf8', start, end);
    }
  }
  let text = '';
  for (let i = start; i < end; i += 8) {
    text += asciiPiece(source, i, Math.min(8, end - i));
  }
  return text;
}

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePointText(code: number): string {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : '\ufffd';
}

export function decodeXmlText(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(ENTITY, (_match, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) {
      return codePointText(Number(decimal));
    }
    if (hex !== undefined) {
      return codePointText(parseInt(hex, 16));
    }
    return NAMED[name ?? ''] ?? '';
  });
}

/** Character data of `source[start..end)` as text, entities decoded unless it is CDATA. */
export function xmlText(source: Buffer, start: number, end: number, isCdata: boolean): string {
  const text = bytesToText(source, start, end);
  return isCdata ? text : decodeXmlText(text);
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Office writes characters XML cannot carry as `_xHHHH_` (`_x000D_` for a carriage return; `_x005F_` is `_`). */
export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(OOXML_ESCAPE, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

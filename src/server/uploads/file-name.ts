import { allowedTypes } from './inspection.js';
import type { FileKind } from './inspection.js';

export type FileNameCheck =
  | { ok: true; name: string }
  | { ok: false; reason: 'empty' | 'too_long' | 'path_separator' | 'control_character' | 'reserved' };

const maxNameLength = 255;

// C0, DEL, C1, line/paragraph separators and the bidi overrides that can disguise an extension
// ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
function isForbiddenCharacter(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function replaceForbiddenCharacters(name: string, replacement: string): string {
  let result = '';
  for (const character of name) {
    result += isForbiddenCharacter(character.codePointAt(0) ?? 0) ? replacement : character;
  }
  return result;
}

function countCodePoints(name: string): number {
  let count = 0;
  for (const _character of name) {
    count++;
  }
  return count;
}

const windowsReserved = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\..*)?$/i;

/** File names are shown and offered for download, never used as paths on disk. */
export function validateFileName(input: string): FileNameCheck {
  const name = input.normalize('NFC').trim();
  if (name === '') {
    return { ok: false, reason: 'empty' };
  }
  if (replaceForbiddenCharacters(name, '') !== name) {
    return { ok: false, reason: 'control_character' };
  }
  if (name.includes('/') || name.includes('\\')) {
    return { ok: false, reason: 'path_separator' };
  }
  if (countCodePoints(name) > maxNameLength) {
    return { ok: false, reason: 'too_long' };
  }
  if (name === '.' || name === '..' || windowsReserved.test(name)) {
    return { ok: false, reason: 'reserved' };
  }
  return { ok: true, name };
}

/** The lower-case extension without the dot, or '' (".profile" and "name." have none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

export function extensionMatches(name: string, kind: FileKind): boolean {
  const extensions: readonly string[] = allowedTypes[kind].extensions;
  return extensions.includes(extensionOf(name));
}

const polishLetters: Record<string, string> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  Ą: 'A',
  Ć: 'C',
  Ę: 'E',
  Ł: 'L',
  Ń: 'N',
  Ó: 'O',
  Ś: 'S',
  Ź: 'Z',
  Ż: 'Z',
};

function asciiFallback(name: string): string {
  const ascii = name
    .replace(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g, (letter) => polishLetters[letter] ?? '_')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // Quotes and backslashes would end or escape the quoted string; '%' is decoded by some browsers.
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
    .trim();
  return ascii === '' ? 'file' : ascii;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A Content-Disposition value (RFC 6266) that downloads the file under its name, never inline. */
export function contentDisposition(name: string): string {
  const clean = replaceForbiddenCharacters(name.normalize('NFC'), '_')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
  return `attachment; filename="${asciiFallback(clean)}"; filename*=UTF-8''${encodeRfc5987(clean || 'file')}`;
}

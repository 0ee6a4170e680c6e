import type { ParseLimits } from './parse-limits.js';
import type { XlsxArchive } from './xlsx-archive.js';
import { parseXmlPart } from './xlsx-workbook.js';

export const styleKinds = { plain: 0, date: 1, percent: 2 } as const;
export type StyleKind = (typeof styleKinds)[keyof typeof styleKinds];

// Built-in number formats (ECMA-376 §18.8.30): 14-22 and 45-47 are dates and times, 27-36 and 50-58 dates in
// East Asian locales; 9 and 10 are percentages.
function builtInKind(id: number): StyleKind {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) {
    return styleKinds.date;
  }
  return id === 9 || id === 10 ? styleKinds.percent : styleKinds.plain;
}

/** A custom format is a date when a date or time token remains outside quoted text, escapes and [colour] tags. */
export function formatCodeKind(code: string): StyleKind {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, '')
    .replace(/_.|\*./g, '');
  if (bare.includes('%')) {
    return styleKinds.percent;
  }
  if (/general/i.test(bare)) {
    return styleKinds.plain;
  }
  return /[dmyhs]/i.test(bare) ? styleKinds.date : styleKinds.plain;
}

/** What each cell style index (`s` on a cell) makes of a number. */
export async function readCellStyleKinds(
  archive: XlsxArchive,
  stylesPath: string | null,
  limits: Pick<ParseLimits, 'maxMetadataPartBytes'>,
): Promise<StyleKind[]> {
  if (stylesPath === null) {
    return [];
  }
  const customFormats = new Map<number, StyleKind>();
  const kinds: StyleKind[] = [];
  let isInCellXfs = false;
  parseXmlPart(
    await archive.readText(stylesPath, limits.maxMetadataPartBytes),
    ({ name, attributes }) => {
      if (name === 'numFmt') {
        customFormats.set(Number(attributes.numFmtId), formatCodeKind(attributes.formatCode ?? ''));
      } else if (name === 'cellXfs') {
        isInCellXfs = true;
      } else if (name === 'xf' && isInCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        kinds.push(customFormats.get(id) ?? builtInKind(id));
      }
    },
    (name) => {
      if (name === 'cellXfs') {
        isInCellXfs = false;
      }
    },
  );
  return kinds;
}

import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import type { ParseLimits } from './parse-limits.js';
import { StatementFileError } from './statement-file-error.js';
import type { XlsxArchive } from './xlsx-archive.js';

export type WorkbookInfo = {
  sheetName: string;
  sheetPath: string;
  sharedStringsPath: string | null;
  stylesPath: string | null;
  /** The Mac-era date system: serial 0 is 1 January 1904. */
  is1904: boolean;
};

type Element = { name: string; attributes: Record<string, string> };

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** Attribute by local name, whatever prefix the writer chose (`r:id`, `ns1:id`). */
function prefixedAttribute(attributes: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(attributes).find(
    (candidate) => candidate.includes(':') && localName(candidate) === name,
  );
  return key === undefined ? undefined : attributes[key];
}

/** Small parts (workbook, relationships, styles) go through a real XML parser. */
export function parseXmlPart(
  text: string,
  onOpen: (element: Element) => void,
  onClose?: (name: string) => void,
): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    onOpen({ name: localName(tag.name), attributes: tag.attributes });
  });
  if (onClose) {
    parser.on('closetag', (tag) => {
      onClose(localName(tag.name));
    });
  }
  parser.on('doctype', () => {
    throw new StatementFileError('xlsx_invalid');
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw error instanceof StatementFileError
      ? error
      : new StatementFileError('xlsx_invalid', {}, { cause: error });
  }
}

type Relationship = { id: string; type: string; target: string };

function relationshipsPath(partPath: string): string {
  return posix.join(posix.dirname(partPath), '_rels', `${posix.basename(partPath)}.rels`);
}

async function readRelationships(
  archive: XlsxArchive,
  partPath: string,
  maxBytes: number,
): Promise<Relationship[]> {
  const path = relationshipsPath(partPath);
  if (!archive.has(path)) {
    return [];
  }
  const relationships: Relationship[] = [];
  const base = posix.dirname(partPath);
  parseXmlPart(await archive.readText(path, maxBytes), ({ name, attributes }) => {
    const { Id: id, Type: type = '', Target: target, TargetMode: mode } = attributes;
    if (name === 'Relationship' && id !== undefined && target !== undefined && mode !== 'External') {
      const resolved = target.startsWith('/') ? target.slice(1) : posix.join(base, target);
      relationships.push({ id, type, target: posix.normalize(resolved) });
    }
  });
  return relationships;
}

function byType(relationships: Relationship[], suffix: string): Relationship | undefined {
  return relationships.find(({ type }) => type.endsWith(suffix));
}

/** The sheet to read: the one named (a re-read of an inspected file), else the first visible one. */
export async function readWorkbookInfo(
  archive: XlsxArchive,
  limits: Pick<ParseLimits, 'maxMetadataPartBytes'>,
  sheetName: string | null,
): Promise<WorkbookInfo> {
  const maxBytes = limits.maxMetadataPartBytes;
  const rootRelationships = await readRelationships(archive, '', maxBytes);
  const workbookPath = byType(rootRelationships, '/officeDocument')?.target ?? 'xl/workbook.xml';
  if (!archive.has(workbookPath)) {
    throw new StatementFileError('xlsx_invalid');
  }
  const sheets: { name: string; relationshipId: string; isHidden: boolean }[] = [];
  let is1904 = false;
  parseXmlPart(await archive.readText(workbookPath, maxBytes), ({ name, attributes }) => {
    if (name === 'workbookPr') {
      is1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    } else if (name === 'sheet') {
      const relationshipId = prefixedAttribute(attributes, 'id');
      if (relationshipId !== undefined) {
        const isHidden = attributes.state === 'hidden' || attributes.state === 'veryHidden';
        sheets.push({ name: attributes.name ?? '', relationshipId, isHidden });
      }
    }
  });
  const relationships = await readRelationships(archive, workbookPath, maxBytes);
  const sheet =
    sheets.find((candidate) => sheetName !== null && candidate.name === sheetName) ??
    sheets.find((candidate) => !candidate.isHidden) ??
    sheets[0];
  const sheetPath = relationships.find(({ id }) => id === sheet?.relationshipId)?.target;
  if (sheet === undefined || sheetPath === undefined || !archive.has(sheetPath)) {
    throw new StatementFileError('xlsx_invalid');
  }
  const partIfPresent = (suffix: string, usualPath: string): string | null => {
    const target = byType(relationships, suffix)?.target ?? usualPath;
    return archive.has(target) ? target : null;
  };
  return {
    sheetName: sheet.name,
    sheetPath,
    sharedStringsPath: partIfPresent('/sharedStrings', 'xl/sharedStrings.xml'),
    stylesPath: partIfPresent('/styles', 'xl/styles.xml'),
    is1904,
  };
}

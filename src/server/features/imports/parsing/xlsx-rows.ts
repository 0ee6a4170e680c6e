import type { ParseLimits } from './parse-limits.js';
import type { RawRow, RowSource } from './raw-rows.js';
import type { StatementSource } from './statement-source.js';
import { openXlsxArchive, type XlsxArchive } from './xlsx-archive.js';
import { readSharedStrings } from './xlsx-shared-strings.js';
import { createSheetScanner } from './xlsx-sheet-scanner.js';
import { readCellStyleKinds } from './xlsx-styles.js';
import { readWorkbookInfo } from './xlsx-workbook.js';

export type XlsxRowSource = RowSource & { sheetName: string; is1904: boolean };

async function openSheet(
  archive: XlsxArchive,
  sheetName: string | null,
  limits: ParseLimits,
  signal: AbortSignal | undefined,
): Promise<XlsxRowSource> {
  const workbook = await readWorkbookInfo(archive, limits, sheetName);
  const styles = await readCellStyleKinds(archive, workbook.stylesPath, limits);
  const sharedStrings = await readSharedStrings(archive, workbook.sharedStringsPath, limits, signal);
  let bytesRead = 0;

  async function* readBatches(): AsyncGenerator<RawRow[], void, undefined> {
    let rows: RawRow[] = [];
    const scanner = createSheetScanner({
      sharedStrings,
      styles,
      is1904: workbook.is1904,
      maxColumns: limits.maxColumns,
      onRow: (row) => rows.push(row),
    });
    try {
      for await (const chunk of archive.stream(workbook.sheetPath)) {
        bytesRead += chunk.length;
        scanner.write(chunk);
        if (rows.length > 0) {
          const batch = rows;
          rows = [];
          yield batch;
        }
      }
      scanner.end();
      if (rows.length > 0) {
        yield rows;
      }
    } finally {
      archive.close();
    }
  }

  return {
    sheetName: workbook.sheetName,
    is1904: workbook.is1904,
    batches: readBatches(),
    bytesRead: () => bytesRead,
    totalBytes: archive.uncompressedSize(workbook.sheetPath),
    close: () => {
      archive.close();
    },
  };
}

/** The named sheet (else the first visible one) of a workbook, row by row. */
export async function openXlsxRows(
  source: StatementSource,
  sheetName: string | null,
  limits: ParseLimits,
  signal?: AbortSignal,
): Promise<XlsxRowSource> {
  const archive = await openXlsxArchive(source, limits);
  try {
    return await openSheet(archive, sheetName, limits, signal);
  } catch (error) {
    archive.close();
    throw error;
  }
}

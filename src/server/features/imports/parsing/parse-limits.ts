export type ParseLimits = {
  /** Rows that become a line or a row error (not blank or totals rows); reading stops past it. */
  maxDataRows: number;
  /** A mapped cell longer than this is a row error (`value_too_long`). */
  maxCellChars: number;
  /** Columns beyond this are ignored. */
  maxColumns: number;
  /** Rows searched for the header. */
  headerSearchRows: number;
  /** CSV: a record (usually an unterminated quote) longer than this is refused. */
  maxRecordChars: number;
  /** XLSX: sum of the entries' uncompressed sizes, declared and actual. */
  maxUncompressedBytes: number;
  maxZipEntries: number;
  /** XLSX: uncompressed / compressed, checked on entries over 1 MiB. */
  maxCompressionRatio: number;
  maxSharedStrings: number;
  /** XLSX: uncompressed size of sharedStrings.xml, which is held in memory while reading. */
  maxSharedStringsBytes: number;
  /** XLSX: workbook, relationships and styles parts. */
  maxMetadataPartBytes: number;
};

export const defaultParseLimits: ParseLimits = {
  maxDataRows: 500_000,
  maxCellChars: 500,
  maxColumns: 512,
  headerSearchRows: 50,
  maxRecordChars: 1024 * 1024,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxCompressionRatio: 500,
  maxSharedStrings: 2_000_000,
  maxSharedStringsBytes: 128 * 1024 * 1024,
  maxMetadataPartBytes: 16 * 1024 * 1024,
};

export function resolveParseLimits(limits: Partial<ParseLimits> | undefined): ParseLimits {
  return { ...defaultParseLimits, ...limits };
}

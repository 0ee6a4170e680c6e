import type { Readable } from 'node:stream';
import { createCsvTokenizer, type CsvDelimiter } from './csv-tokenizer.js';
import type { ParseLimits } from './parse-limits.js';
import type { RawRow, RowSource } from './raw-rows.js';
import type { StatementSource } from './statement-source.js';
import { createChunkDecoder, type TextEncodingName } from './text-encoding.js';

export function openCsvRows(
  source: StatementSource,
  encoding: TextEncodingName,
  delimiter: CsvDelimiter,
  limits: Pick<ParseLimits, 'maxRecordChars' | 'maxColumns'>,
): RowSource {
  let bytesRead = 0;
  let stream: Readable | null = null;

  async function* readBatches(): AsyncGenerator<RawRow[], void, undefined> {
    const input = source.read();
    stream = input;
    const decoder = createChunkDecoder(encoding);
    let rows: RawRow[] = [];
    const tokenizer = createCsvTokenizer(
      delimiter,
      (fields, rowNumber) => {
        rows.push({
          rowNumber,
          cells: fields.length > limits.maxColumns ? fields.slice(0, limits.maxColumns) : fields,
        });
      },
      limits.maxRecordChars,
    );
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        tokenizer.write(decoder.write(chunk));
        if (rows.length > 0) {
          const batch = rows;
          rows = [];
          yield batch;
        }
      }
      tokenizer.write(decoder.end());
      tokenizer.end();
      if (rows.length > 0) {
        yield rows;
      }
    } finally {
      input.destroy();
    }
  }

  return {
    batches: readBatches(),
    bytesRead: () => bytesRead,
    totalBytes: source.size,
    close: () => {
      stream?.destroy();
    },
  };
}

import { randomBytes } from 'node:crypto';

export type MultipartPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; fileName: string; content: Buffer; contentType?: string };

/** A multipart/form-data body built by hand, so tests control part order and raw file names. */
export function multipartBody(parts: MultipartPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----sejf-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (part.kind === 'field') {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A small valid PDF with a recognisable marker, so tests can search for its plaintext. */
export function samplePdf(marker = 'SEJF-PLAINTEXT-MARKER', padTo = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${marker}\n`;
  const padding = padTo > body.length ? `% ${'x'.repeat(padTo - body.length - 20)}\n` : '';
  return Buffer.from(`${body}${padding}trailer << /Root 1 0 R >>\n%%EOF\n`);
}

export function documentUpload(
  collaboratorId: string,
  files: { fileName: string; content: Buffer }[],
  fields: { title?: string; periodMonth?: string } = {},
): { payload: Buffer; contentType: string } {
  return multipartBody([
    { kind: 'field', name: 'collaboratorId', value: collaboratorId },
    { kind: 'field', name: 'title', value: fields.title ?? 'Rozliczenie prowizji za listopad' },
    { kind: 'field', name: 'periodMonth', value: fields.periodMonth ?? '2026-11' },
    ...files.map((file) => ({
      kind: 'file' as const,
      name: 'files',
      fileName: file.fileName,
      content: file.content,
    })),
  ]);
}

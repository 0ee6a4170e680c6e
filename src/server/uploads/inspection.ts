/**
 * What an inspection decides, and the small helpers every format's inspector shares.
 */
export const allowedTypes = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  xml: { mime: 'application/xml', extensions: ['xml'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  csv: { mime: 'text/csv', extensions: ['csv'] },
} as const;

export type FileKind = keyof typeof allowedTypes;

export type InspectionResult =
  | { ok: true; kind: FileKind; mime: string }
  | { ok: false; code: 'empty_file' | 'file_type_not_allowed' | 'file_active_content'; reason: string };

export type ContentInspector = { update(chunk: Buffer): void; finish(): InspectionResult };

export type Failure = Extract<InspectionResult, { ok: false }>;

export const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

export function accept(kind: FileKind): InspectionResult {
  return { ok: true, kind, mime: allowedTypes[kind].mime };
}

export function notAllowed(reason: string): Failure {
  return { ok: false, code: 'file_type_not_allowed', reason };
}

export function activeContent(reason: string): Failure {
  return { ok: false, code: 'file_active_content', reason };
}

export function fixed(result: InspectionResult): ContentInspector {
  return { update: () => undefined, finish: () => result };
}

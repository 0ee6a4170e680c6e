import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { documentListItemSchema, type documentUploadFieldsSchema } from '../../../../shared/api/documents';
import { uploadMultipart, type UploadProgress } from '../../../lib/upload';
import { documentsQueryKey } from './get-documents';

export type UploadFields = z.input<typeof documentUploadFieldsSchema>;

export type UploadInput = {
  fields: UploadFields;
  files: readonly File[];
  onProgress: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

/** Streams the files to the server, which encrypts, scans and stores them; all or nothing. */
export function uploadDocument({ fields, files, onProgress, signal }: UploadInput) {
  return uploadMultipart({
    url: '/api/documents',
    // The order matters: the server needs to know the recipient before the first byte of a file.
    fields: { collaboratorId: fields.collaboratorId, title: fields.title, periodMonth: fields.periodMonth },
    files,
    schema: documentListItemSchema,
    onProgress,
    ...(signal ? { signal } : {}),
  });
}

export function useUploadDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadDocument,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: documentsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

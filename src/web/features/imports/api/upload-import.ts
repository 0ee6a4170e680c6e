import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importDetailSchema } from '../../../../shared/api/imports';
import { uploadMultipart, type UploadProgress } from '../../../lib/upload';
import { importsQueryKey } from './get-imports';

export type ImportUploadInput = {
  insurerId: string;
  /** YYYY-MM-DD: the date of lines that carry none of their own. */
  statementDate: string;
  file: File;
  onProgress: (progress: UploadProgress) => void;
};

/** The fields go first: the server checks the insurer before it reads the file. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ insurerId, statementDate, file, onProgress }: ImportUploadInput) =>
      uploadMultipart({
        url: '/api/imports',
        fields: { insurerId, statementDate },
        files: [file],
        fileField: 'file',
        schema: importDetailSchema,
        onProgress,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: importsQueryKey });
    },
  });
}

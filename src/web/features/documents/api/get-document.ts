import { useQuery } from '@tanstack/react-query';
import { documentDetailSchema } from '../../../../shared/api/documents';
import { apiRequest } from '../../../lib/api-client';
import { documentsQueryKey } from './get-documents';

/** A document with its read receipts: who opened or downloaded it, and when. */
export function useDocument(id: string) {
  return useQuery({
    queryKey: [...documentsQueryKey, 'detail', id],
    queryFn: () => apiRequest(`/api/documents/${id}`, { schema: documentDetailSchema }),
  });
}

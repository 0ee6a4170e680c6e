import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { documentListSchema } from '../../../../shared/api/documents';
import { apiRequest } from '../../../lib/api-client';

export type DocumentFilter = {
  collaboratorId?: string | null;
  month?: string | null;
  /** `no`: only documents their collaborator has not opened yet. */
  opened?: 'yes' | 'no' | null;
  limit: number;
  offset: number;
};

export const documentsQueryKey = ['documents'] as const;

export function useDocuments(filter: DocumentFilter) {
  return useQuery({
    queryKey: [...documentsQueryKey, 'list', filter],
    queryFn: () =>
      apiRequest('/api/documents', {
        query: {
          collaboratorId: filter.collaboratorId,
          month: filter.month,
          opened: filter.opened,
          limit: filter.limit,
          offset: filter.offset,
        },
        schema: documentListSchema,
      }),
    placeholderData: keepPreviousData,
  });
}

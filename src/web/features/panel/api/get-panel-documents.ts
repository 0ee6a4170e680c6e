import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { panelDocumentSchema } from '../../../../shared/api/documents';
import { apiRequest } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

/** The collaborator's own documents, newest first, optionally for one settlement month. */
export function usePanelDocuments(month: string | null) {
  return useQuery({
    queryKey: [...panelQueryKey, 'documents', month],
    queryFn: async () => {
      const documents = await apiRequest('/api/panel/documents', {
        query: { month },
        schema: z.array(panelDocumentSchema),
      });
      return documents.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    },
    placeholderData: keepPreviousData,
  });
}

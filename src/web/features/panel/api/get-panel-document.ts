import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { panelDocumentSchema } from '../../../../shared/api/documents';
import { apiRequest } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

/** Reading a document here is the read receipt the agency sees. */
export function getPanelDocument(id: string) {
  return apiRequest(`/api/panel/documents/${id}`, { schema: panelDocumentSchema });
}

export function usePanelDocument(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...panelQueryKey, 'document', id],
    queryFn: async () => {
      const document = await getPanelDocument(id);
      void queryClient.invalidateQueries({ queryKey: [...panelQueryKey, 'summary'] });
      void queryClient.invalidateQueries({ queryKey: [...panelQueryKey, 'documents'] });
      return document;
    },
    staleTime: Infinity,
  });
}

/**
 * A download straight from the list also counts as opening the document: the file link itself
 * only records a download, and the "Nowy" badge would otherwise stay.
 */
export function useMarkOpened() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: getPanelDocument,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: panelQueryKey });
    },
  });
}

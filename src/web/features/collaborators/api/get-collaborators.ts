import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { collaboratorListItemSchema } from '../../../../shared/api/collaborators';
import { apiRequest } from '../../../lib/api-client';

export type CollaboratorFilter = { q?: string; status: 'current' | 'archived' | 'all' };

export const collaboratorsQueryKey = ['collaborators'] as const;

export function getCollaborators(filter: CollaboratorFilter) {
  return apiRequest('/api/collaborators', {
    query: { q: filter.q?.trim(), status: filter.status },
    schema: z.array(collaboratorListItemSchema),
  });
}

export function useCollaborators(filter: CollaboratorFilter) {
  return useQuery({
    queryKey: [...collaboratorsQueryKey, 'list', filter],
    queryFn: () => getCollaborators(filter),
    placeholderData: keepPreviousData,
  });
}

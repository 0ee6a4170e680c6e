import { useQuery } from '@tanstack/react-query';
import { collaboratorSchema } from '../../../../shared/api/collaborators';
import { apiRequest } from '../../../lib/api-client';
import { collaboratorsQueryKey } from './get-collaborators';

/** One collaborator with the full PESEL: only the detail page asks for it. */
export function useCollaborator(id: string) {
  return useQuery({
    queryKey: [...collaboratorsQueryKey, 'detail', id],
    queryFn: () => apiRequest(`/api/collaborators/${id}`, { schema: collaboratorSchema }),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { isApiError } from '../../../lib/api-error';
import { periodQueryKey, refreshPeriod } from './get-period';

const retryDelayMs = 2000;
const maxAttempts = 90;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => {
    window.setTimeout(resolve, ms);
  });
}

/**
 * Publishes every statement of the locked period at once. While their PDFs are still being
 * rendered the server answers `statements_not_ready`; the request is then repeated until they are.
 */
export function usePublishPeriod(periodId: string, onWaiting: (isWaiting: boolean) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (revision: number) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await apiSend(`/api/periods/${periodId}/publish`, { method: 'POST', body: { revision } });
          return;
        } catch (error) {
          if (!isApiError(error) || error.code !== 'statements_not_ready' || attempt >= maxAttempts) {
            throw error;
          }
          onWaiting(true);
          void queryClient.invalidateQueries({ queryKey: [...periodQueryKey(periodId), 'statements'] });
          await wait(retryDelayMs);
        }
      }
    },
    onSettled: () => {
      onWaiting(false);
      refreshPeriod(queryClient, periodId);
    },
  });
}

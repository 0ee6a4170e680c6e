import { useQuery } from '@tanstack/react-query';
import { invoiceSchema } from '../../../../shared/api/invoices';
import { apiRequest } from '../../../lib/api-client';
import { panelStatementKey } from './get-panel-statement';

export function usePanelInvoice(statementId: string) {
  return useQuery({
    queryKey: [...panelStatementKey(statementId), 'invoice'],
    queryFn: () =>
      apiRequest(`/api/panel/statements/${statementId}/invoice`, { schema: invoiceSchema.nullable() }),
  });
}

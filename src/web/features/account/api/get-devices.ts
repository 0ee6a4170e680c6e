import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { deviceSchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';

export const devicesQueryKey = ['account', 'devices'] as const;

export function useDevices() {
  return useQuery({
    queryKey: devicesQueryKey,
    queryFn: () => apiRequest('/api/account/devices', { schema: z.array(deviceSchema) }),
  });
}

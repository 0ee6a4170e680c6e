import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { sessionInfoSchema, type loginBodySchema } from '../../../../shared/api/auth';
import { apiRequest } from '../../../lib/api-client';
import { useSetSession } from '../../../lib/session';

export type LoginInput = z.input<typeof loginBodySchema>;

export function login(input: LoginInput) {
  return apiRequest('/api/auth/login', { method: 'POST', body: input, schema: sessionInfoSchema });
}

export function useLogin() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: login, onSuccess: setSession });
}

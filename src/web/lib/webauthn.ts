import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { z } from 'zod';
import { createApiError } from './api-error';

const transports = z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']));
const descriptor = z.object({
  id: z.string(),
  type: z.literal('public-key'),
  transports: transports.optional(),
});
const hints = z.array(z.enum(['hybrid', 'security-key', 'client-device']));
const userVerification = z.enum(['required', 'preferred', 'discouraged']);
const extensions = z.object({ credProps: z.boolean().optional() });

// The options come from the server as plain JSON; these schemas give them the browser library's types.
const registrationOptionsSchema = z.object({
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  challenge: z.string(),
  pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.literal('public-key') })),
  timeout: z.number().optional(),
  excludeCredentials: z.array(descriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
      requireResidentKey: z.boolean().optional(),
      residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
      userVerification: userVerification.optional(),
    })
    .optional(),
  hints: hints.optional(),
  attestation: z.enum(['direct', 'enterprise', 'indirect', 'none']).optional(),
  extensions: extensions.optional(),
}) satisfies z.ZodType<PublicKeyCredentialCreationOptionsJSON>;

const authenticationOptionsSchema = z.object({
  challenge: z.string(),
  timeout: z.number().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(descriptor).optional(),
  userVerification: userVerification.optional(),
  hints: hints.optional(),
  extensions: extensions.optional(),
}) satisfies z.ZodType<PublicKeyCredentialRequestOptionsJSON>;

function browserError(error: unknown): Error {
  // NotAllowedError: the person closed the dialog or it timed out; nothing was created or used.
  return createApiError({
    code: 'passkey_cancelled',
    status: 0,
    message: error instanceof Error ? error.message : String(error),
  });
}

function assertSupported(): void {
  if (!browserSupportsWebAuthn()) {
    throw createApiError({ code: 'passkey_unsupported', status: 0 });
  }
}

export async function createPasskey(options: unknown): Promise<RegistrationResponseJSON> {
  assertSupported();
  const optionsJSON = registrationOptionsSchema.parse(options);
  try {
    return await startRegistration({ optionsJSON });
  } catch (error) {
    throw browserError(error);
  }
}

export async function authenticateWithPasskey(options: unknown): Promise<AuthenticationResponseJSON> {
  assertSupported();
  const optionsJSON = authenticationOptionsSchema.parse(options);
  try {
    return await startAuthentication({ optionsJSON });
  } catch (error) {
    throw browserError(error);
  }
}

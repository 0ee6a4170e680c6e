import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { addMinutes, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { secondFactors } from '../../db/schema/identity.js';
import { markPasskeyUsed } from './second-factors.repository.js';
import { setWebauthnChallenge, takeWebauthnChallenge } from './sessions.repository.js';

const challengeMinutes = 5;
const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(16_384);
const transports = z
  .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
  .optional();

const registrationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports,
    publicKeyAlgorithm: z.number().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

const authenticationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

type PasskeyRow = typeof secondFactors.$inferSelect;

export type RegisteredPasskey = {
  credentialId: string;
  publicKey: Buffer;
  signCount: number;
  transports: string[];
  backedUp: boolean;
};

export type PasskeyService = ReturnType<typeof createPasskeyService>;

/** WebAuthn ceremonies; the challenge lives on the session row, single use, for five minutes. */
export function createPasskeyService(deps: {
  db: Database;
  clock: Clock;
  config: Pick<Config, 'publicUrl'>;
}) {
  const { db, clock } = deps;
  const rpID = deps.config.publicUrl.hostname;
  const expectedOrigin = deps.config.publicUrl.origin;

  async function storeChallenge(sessionId: string, challenge: string): Promise<void> {
    await db.system((tx) =>
      setWebauthnChallenge(tx, sessionId, challenge, addMinutes(clock.now(), challengeMinutes)),
    );
  }

  async function takeChallenge(sessionId: string): Promise<string> {
    const challenge = await db.system((tx) => takeWebauthnChallenge(tx, sessionId, clock.now()));
    if (!challenge) {
      throw new AppError('passkey_verification_failed', 'The passkey request expired; try again');
    }
    return challenge;
  }

  const toTransports = (values: string[] | null): string[] => transports.parse(values ?? []) ?? [];

  return {
    async registrationOptions(
      session: { id: string; userId: string; email: string; fullName: string },
      existing: PasskeyRow[],
    ) {
      const options = await generateRegistrationOptions({
        rpName: 'Sejf',
        rpID,
        userName: session.email,
        userDisplayName: session.fullName,
        userID: new TextEncoder().encode(session.userId),
        attestationType: 'none',
        excludeCredentials: existing.flatMap((p) =>
          p.credentialId ? [{ id: p.credentialId, transports: toTransports(p.transports) }] : [],
        ),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await storeChallenge(session.id, options.challenge);
      return options;
    },

    async verifyRegistration(sessionId: string, response: unknown): Promise<RegisteredPasskey> {
      const parsed = registrationResponseSchema.safeParse(response);
      const expectedChallenge = await takeChallenge(sessionId);
      if (!parsed.success) {
        throw new AppError('passkey_verification_failed', 'Malformed passkey response');
      }
      try {
        const result = await verifyRegistrationResponse({
          response: parsed.data,
          expectedChallenge,
          expectedOrigin,
          expectedRPID: rpID,
          requireUserVerification: false,
        });
        if (!result.verified) {
          throw new AppError('passkey_verification_failed', 'The passkey could not be verified');
        }
        const { credential, credentialBackedUp } = result.registrationInfo;
        return {
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey),
          signCount: credential.counter,
          transports: credential.transports ?? parsed.data.response.transports ?? [],
          backedUp: credentialBackedUp,
        };
      } catch (error) {
        if (error instanceof AppError) {
          throw error;
        }
        throw new AppError('passkey_verification_failed', 'The passkey could not be verified');
      }
    },

    async authenticationOptions(sessionId: string, passkeys: PasskeyRow[]) {
      const options = await generateAuthenticationOptions({
        rpID,
        userVerification: 'preferred',
        allowCredentials: passkeys.flatMap((p) =>
          p.credentialId ? [{ id: p.credentialId, transports: toTransports(p.transports) }] : [],
        ),
      });
      await storeChallenge(sessionId, options.challenge);
      return options;
    },

    /** True when the response is a valid assertion by one of the user's passkeys. */
    async verifyAuthentication(
      sessionId: string,
      passkeys: PasskeyRow[],
      response: unknown,
    ): Promise<boolean> {
      const expectedChallenge = await takeChallenge(sessionId);
      const parsed = authenticationResponseSchema.safeParse(response);
      if (!parsed.success) {
        return false;
      }
      const passkey = passkeys.find((p) => p.credentialId === parsed.data.id);
      if (!passkey?.credentialId || !passkey.publicKey) {
        return false;
      }
      try {
        const result = await verifyAuthenticationResponse({
          response: parsed.data,
          expectedChallenge,
          expectedOrigin,
          expectedRPID: rpID,
          requireUserVerification: false,
          credential: {
            id: passkey.credentialId,
            publicKey: new Uint8Array(passkey.publicKey),
            counter: passkey.signCount ?? 0,
            transports: toTransports(passkey.transports),
          },
        });
        if (!result.verified) {
          return false;
        }
        await db.system((tx) =>
          markPasskeyUsed(tx, passkey.id, result.authenticationInfo.newCounter, clock.now()),
        );
        return true;
      } catch {
        return false;
      }
    },
  };
}

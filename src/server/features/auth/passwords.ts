import { hash, verify } from '@node-rs/argon2';

/** argon2id (algorithm 2; the package's const enum cannot be imported) with OWASP's minimum: 19 MiB, 2 passes, 1 lane. */
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies against the stored hash, or against a dummy hash when there is no user, so that an
 * unknown e-mail costs the same time as a wrong password.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hash('sejf-dummy-password-for-timing', options);
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { access, mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type MasterKeyConfig } from '../config.js';
import { IntegrityError } from './chunked-aead.js';

/**
 * Envelope encryption: the master key wraps each agency key, an agency key wraps each file's
 * data key. Destroying a wrapped data key makes every copy of that blob unreadable.
 */
export type MasterKey = { id: string; key: Buffer };
export type SealPurpose = 'totp-secret' | 'outbox-params';
export type MacPurpose = 'session-token' | 'invitation-code' | 'recovery-code' | 'setup-token' | 'device';
export type Keyring = ReturnType<typeof createKeyring>;

type KeyLogger = Pick<Logger, 'warn' | 'info'>;

const KEY_SIZE = 32;
const WRAP_VERSION = 1;
const IV_SIZE = 12;
const TAG_SIZE = 16;
const KEY_FORMAT_HINT =
  'it must be exactly 32 bytes encoded as base64 (44 characters) or hex (64 characters); ' +
  'create one with `openssl rand -base64 32`';

export function masterKeyId(key: Buffer): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from('sejf-master-key-id:', 'utf8'), key]))
    .digest('hex')
    .slice(0, 16);
}

function parseKey(text: string): Buffer | undefined {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) {
    key = Buffer.from(value, 'hex');
  } else if (/^[A-Za-z0-9+/]{43}=$/.test(value)) {
    key = Buffer.from(value, 'base64');
  }
  // An all-zero key is a placeholder someone forgot to replace, not a secret.
  if (key?.length !== KEY_SIZE || key.every((byte) => byte === 0)) {
    return undefined;
  }
  return key;
}

function toMasterKey(key: Buffer): MasterKey {
  return { id: masterKeyId(key), key };
}

async function readKeyFile(file: string, origin: string, logger: KeyLogger): Promise<MasterKey> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ConfigError(`Cannot read the master key file ${file} (${origin}): ${reason}`);
  }
  const key = parseKey(text);
  if (!key) {
    throw new ConfigError(`The master key file ${file} (${origin}) is invalid: ${KEY_FORMAT_HINT}`);
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    logger.warn(
      { path: file, mode: (mode & 0o777).toString(8) },
      `The master key file ${file} is accessible by group or others; restrict it with: chmod 600 ${file}`,
    );
  }
  return toMasterKey(key);
}

async function generateKeyFile(file: string, logger: KeyLogger): Promise<MasterKey | undefined> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_SIZE);
  let handle: FileHandle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
      return undefined; // another process won the race; use its key
    }
    throw error;
  }
  try {
    await handle.writeFile(`${key.toString('base64')}\n`, 'utf8');
    // Losing this file loses every document, so it must reach the disk before anything is encrypted.
    await handle.sync();
  } finally {
    await handle.close();
  }
  logger.warn(
    { path: file },
    `!!! A NEW MASTER KEY WAS GENERATED at ${file}. Back it up NOW, separately from the data and ` +
      `the database backups. Without this key no stored document can ever be read again. ` +
      `In production set SEJF_MASTER_KEY_FILE to a key you manage. !!!`,
  );
  return toMasterKey(key);
}

export async function loadMasterKey(config: MasterKeyConfig, logger: KeyLogger): Promise<MasterKey> {
  let master: MasterKey;
  switch (config.source) {
    case 'env': {
      const key = parseKey(config.value);
      if (!key) {
        throw new ConfigError(`SEJF_MASTER_KEY is invalid: ${KEY_FORMAT_HINT}`);
      }
      master = toMasterKey(key);
      break;
    }
    case 'file':
      master = await readKeyFile(config.path, 'SEJF_MASTER_KEY_FILE', logger);
      break;
    case 'generate': {
      const isPresent = await access(config.path).then(
        () => true,
        () => false,
      );
      master =
        (isPresent ? undefined : await generateKeyFile(config.path, logger)) ??
        (await readKeyFile(config.path, 'generated because SEJF_MASTER_KEY_FILE is not set', logger));
      break;
    }
  }
  logger.info({ masterKeyId: master.id, source: config.source }, 'Master key loaded');
  return master;
}

function assertKeySize(name: string, key: Buffer): void {
  if (key.length !== KEY_SIZE) {
    throw new TypeError(`${name} must be ${KEY_SIZE} bytes, got ${key.length}`);
  }
}

/** Format: version byte | 12-byte random IV | ciphertext | 16-byte tag. */
function encrypt(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_SIZE);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_SIZE });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([WRAP_VERSION]), iv, ciphertext, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, aad: string, sealed: Buffer): Buffer {
  if (sealed.length < 1 + IV_SIZE + TAG_SIZE || sealed[0] !== WRAP_VERSION) {
    throw new IntegrityError('Sealed value has an unknown format');
  }
  const iv = sealed.subarray(1, 1 + IV_SIZE);
  const tag = sealed.subarray(sealed.length - TAG_SIZE);
  const ciphertext = sealed.subarray(1 + IV_SIZE, sealed.length - TAG_SIZE);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_SIZE });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new IntegrityError('Sealed value failed integrity verification');
  }
}

function unwrapKey(key: Buffer, aad: string, wrapped: Buffer): Buffer {
  const unwrapped = decrypt(key, aad, wrapped);
  if (unwrapped.length !== KEY_SIZE) {
    throw new IntegrityError('Unwrapped key has the wrong length');
  }
  return unwrapped;
}

function deriveSubkey(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(info, 'utf8'), KEY_SIZE));
}

export function createKeyring(master: MasterKey) {
  assertKeySize('The master key', master.key);
  const sealKeys = new Map<SealPurpose, Buffer>();
  const macKeys = new Map<MacPurpose, Buffer>();

  function sealKey(purpose: SealPurpose): Buffer {
    let key = sealKeys.get(purpose);
    if (!key) {
      key = deriveSubkey(master.key, `sejf/${purpose}`);
      sealKeys.set(purpose, key);
    }
    return key;
  }

  function macKey(purpose: MacPurpose): Buffer {
    let key = macKeys.get(purpose);
    if (!key) {
      key = deriveSubkey(master.key, `sejf/mac/${purpose}`);
      macKeys.set(purpose, key);
    }
    return key;
  }

  return {
    masterKeyId: master.id,

    newKey(): Buffer {
      return randomBytes(KEY_SIZE);
    },

    wrapAgencyKey(agencyId: string, agencyKey: Buffer): Buffer {
      assertKeySize('An agency key', agencyKey);
      return encrypt(master.key, `sejf/agency-key/v1/${agencyId}`, agencyKey);
    },

    unwrapAgencyKey(agencyId: string, wrapped: Buffer): Buffer {
      return unwrapKey(master.key, `sejf/agency-key/v1/${agencyId}`, wrapped);
    },

    wrapDataKey(agencyKey: Buffer, fileId: string, dataKey: Buffer): Buffer {
      assertKeySize('An agency key', agencyKey);
      assertKeySize('A data key', dataKey);
      return encrypt(agencyKey, `sejf/data-key/v1/${fileId}`, dataKey);
    },

    unwrapDataKey(agencyKey: Buffer, fileId: string, wrapped: Buffer): Buffer {
      assertKeySize('An agency key', agencyKey);
      return unwrapKey(agencyKey, `sejf/data-key/v1/${fileId}`, wrapped);
    },

    seal(purpose: SealPurpose, context: string, plaintext: Buffer): Buffer {
      return encrypt(sealKey(purpose), context, plaintext);
    },

    open(purpose: SealPurpose, context: string, sealed: Buffer): Buffer {
      return decrypt(sealKey(purpose), context, sealed);
    },

    /** A peppered hash: without the master key a database dump cannot brute-force short codes. */
    mac(purpose: MacPurpose, value: string): Buffer {
      return createHmac('sha256', macKey(purpose)).update(value, 'utf8').digest();
    },
  };
}

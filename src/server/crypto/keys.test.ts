import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IntegrityError } from './chunked-aead.js';
import { createKeyring, loadMasterKey, masterKeyId, type MasterKey } from './keys.js';

function fakeLogger() {
  return { warn: vi.fn(), info: vi.fn() };
}

function masterKey(): MasterKey {
  const key = randomBytes(32);
  return { id: masterKeyId(key), key };
}

function flipLastByte(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
  return copy;
}

describe('keyring', () => {
  const keyring = createKeyring(masterKey());
  const agencyKey = keyring.newKey();

  it('creates 32-byte random keys', () => {
    expect(keyring.newKey()).toHaveLength(32);
    expect(keyring.newKey().equals(keyring.newKey())).toBe(false);
  });

  it('wraps and unwraps an agency key in the documented format', () => {
    const wrapped = keyring.wrapAgencyKey('agency-1', agencyKey);
    expect(wrapped).toHaveLength(1 + 12 + 32 + 16);
    expect(wrapped[0]).toBe(1);
    expect(keyring.unwrapAgencyKey('agency-1', wrapped).equals(agencyKey)).toBe(true);
    expect(keyring.wrapAgencyKey('agency-1', agencyKey).equals(wrapped)).toBe(false);
  });

  it('wraps and unwraps a data key under the agency key', () => {
    const dataKey = keyring.newKey();
    const wrapped = keyring.wrapDataKey(agencyKey, 'file-1', dataKey);
    expect(keyring.unwrapDataKey(agencyKey, 'file-1', wrapped).equals(dataKey)).toBe(true);
  });

  it('refuses to unwrap under the wrong id, a tampered byte or another key', () => {
    const wrappedAgency = keyring.wrapAgencyKey('agency-1', agencyKey);
    const dataKey = keyring.newKey();
    const wrappedData = keyring.wrapDataKey(agencyKey, 'file-1', dataKey);
    const other = createKeyring(masterKey());

    expect(() => keyring.unwrapAgencyKey('agency-2', wrappedAgency)).toThrow(IntegrityError);
    expect(() => keyring.unwrapAgencyKey('agency-1', flipLastByte(wrappedAgency))).toThrow(IntegrityError);
    expect(() => other.unwrapAgencyKey('agency-1', wrappedAgency)).toThrow(IntegrityError);
    expect(() => keyring.unwrapDataKey(agencyKey, 'file-2', wrappedData)).toThrow(IntegrityError);
    expect(() => keyring.unwrapDataKey(keyring.newKey(), 'file-1', wrappedData)).toThrow(IntegrityError);
    expect(() => keyring.unwrapDataKey(agencyKey, 'file-1', flipLastByte(wrappedData))).toThrow(
      IntegrityError,
    );
    expect(() => keyring.unwrapDataKey(agencyKey, 'file-1', wrappedData.subarray(0, 20))).toThrow(
      IntegrityError,
    );
  });

  it('keeps agency-key and data-key wrapping apart', () => {
    // The same key and id under the other kind of wrapping must not unwrap.
    const wrapped = keyring.wrapDataKey(agencyKey, 'x', keyring.newKey());
    const sameKeyring = createKeyring({ id: 'test', key: agencyKey });
    expect(() => sameKeyring.unwrapAgencyKey('x', wrapped)).toThrow(IntegrityError);
  });

  it('rejects every single-byte modification of a wrapped key', () => {
    const wrapped = keyring.wrapAgencyKey('agency-1', agencyKey);
    for (let i = 0; i < wrapped.length; i++) {
      const copy = Buffer.from(wrapped);
      copy[i] = (copy[i] ?? 0) ^ 0x40;
      expect(() => keyring.unwrapAgencyKey('agency-1', copy)).toThrow(IntegrityError);
    }
  });

  it('seals and opens values bound to purpose and context', () => {
    const secret = Buffer.from('JBSWY3DPEHPK3PXP');
    const sealed = keyring.seal('totp-secret', 'user-1', secret);
    expect(keyring.open('totp-secret', 'user-1', sealed).equals(secret)).toBe(true);
    expect(() => keyring.open('totp-secret', 'user-2', sealed)).toThrow(IntegrityError);
    expect(() => keyring.open('outbox-params', 'user-1', sealed)).toThrow(IntegrityError);
    expect(() => keyring.open('totp-secret', 'user-1', flipLastByte(sealed))).toThrow(IntegrityError);
    expect(() => createKeyring(masterKey()).open('totp-secret', 'user-1', sealed)).toThrow(IntegrityError);
  });

  it('computes a deterministic mac per purpose that differs across purposes and master keys', () => {
    const first = keyring.mac('invitation-code', 'ABCD-1234');
    expect(first).toHaveLength(32);
    expect(keyring.mac('invitation-code', 'ABCD-1234').equals(first)).toBe(true);
    expect(keyring.mac('recovery-code', 'ABCD-1234').equals(first)).toBe(false);
    expect(keyring.mac('invitation-code', 'ABCD-1235').equals(first)).toBe(false);
    expect(createKeyring(masterKey()).mac('invitation-code', 'ABCD-1234').equals(first)).toBe(false);
  });

  it('rejects keys of the wrong size when wrapping', () => {
    expect(() => keyring.wrapAgencyKey('agency-1', randomBytes(16))).toThrow(TypeError);
    expect(() => keyring.wrapDataKey(agencyKey, 'file-1', randomBytes(33))).toThrow(TypeError);
  });
});

describe('loadMasterKey', () => {
  let dir: string;
  const key = randomBytes(32);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sejf-keys-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('derives the documented key id', async () => {
    const master = await loadMasterKey({ source: 'env', value: key.toString('base64') }, fakeLogger());
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('sejf-master-key-id:'), key]))
      .digest('hex')
      .slice(0, 16);
    expect(master.id).toBe(expected);
    expect(master.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads base64 and hex keys from the environment', async () => {
    const fromBase64 = await loadMasterKey({ source: 'env', value: key.toString('base64') }, fakeLogger());
    const fromHex = await loadMasterKey(
      { source: 'env', value: key.toString('hex').toUpperCase() },
      fakeLogger(),
    );
    expect(fromBase64.key.equals(key)).toBe(true);
    expect(fromHex.key.equals(key)).toBe(true);
    expect(fromHex.id).toBe(fromBase64.id);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('hex')],
    ['not an encoding', 'correct horse battery staple correct horse b'],
    ['a zero placeholder', '0'.repeat(64)],
  ])('refuses an environment key that is %s, naming SEJF_MASTER_KEY', async (_, value) => {
    await expect(loadMasterKey({ source: 'env', value }, fakeLogger())).rejects.toThrow(
      /SEJF_MASTER_KEY.*32 bytes/,
    );
  });

  it('reads a key file, trimming whitespace', async () => {
    const file = path.join(dir, 'master.key');
    await writeFile(file, `  ${key.toString('hex')}\n\n`, { mode: 0o600 });
    const logger = fakeLogger();
    const master = await loadMasterKey({ source: 'file', path: file }, logger);
    expect(master.key.equals(key)).toBe(true);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('warns when the key file is readable by group or others', async () => {
    const file = path.join(dir, 'master.key');
    await writeFile(file, key.toString('base64'));
    await chmod(file, 0o644);
    const logger = fakeLogger();
    await loadMasterKey({ source: 'file', path: file }, logger);
    expect(logger.warn).toHaveBeenCalledWith(expect.anything(), expect.stringContaining('chmod 600'));
  });

  it('names the path of a missing or invalid key file', async () => {
    const missing = path.join(dir, 'missing.key');
    await expect(loadMasterKey({ source: 'file', path: missing }, fakeLogger())).rejects.toThrow(
      new RegExp(`${missing}.*ENOENT`),
    );
    const invalid = path.join(dir, 'invalid.key');
    await writeFile(invalid, 'not a key', { mode: 0o600 });
    await expect(loadMasterKey({ source: 'file', path: invalid }, fakeLogger())).rejects.toThrow(
      new RegExp(`${invalid}.*32 bytes`),
    );
  });

  it('generates a key file once with mode 0600 in a 0700 directory, loudly, then reuses it', async () => {
    const file = path.join(dir, 'data', 'master.key');
    const logger = fakeLogger();
    const first = await loadMasterKey({ source: 'generate', path: file }, logger);

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64').equals(first.key)).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const message = String(logger.warn.mock.calls[0]?.[1]);
    expect(message).toContain(file);
    expect(message).toMatch(/back it up/i);
    expect(message).toMatch(/no stored document can ever be read/i);

    const again = fakeLogger();
    const second = await loadMasterKey({ source: 'generate', path: file }, again);
    expect(second.key.equals(first.key)).toBe(true);
    expect(second.id).toBe(first.id);
    expect(again.warn).not.toHaveBeenCalled();
  });

  it('never logs the key itself', async () => {
    const logger = fakeLogger();
    const master = await loadMasterKey({ source: 'generate', path: path.join(dir, 'master.key') }, logger);
    const logged = JSON.stringify([logger.warn.mock.calls, logger.info.mock.calls]);
    expect(logged).not.toContain(master.key.toString('base64'));
    expect(logged).not.toContain(master.key.toString('hex'));
  });
});

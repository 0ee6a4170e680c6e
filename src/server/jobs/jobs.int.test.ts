import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaboratorInput, setupAgency } from '../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/support/smtp-peer.js';

/** pg-boss in the same database, PGlite (through executeSql) or PostgreSQL, delivering real mail. */
describe('background jobs', () => {
  let t: TestApp;
  let peer: SmtpPeer;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    t = await createTestApp({ env: { SMTP_URL: peer.url } });
    await t.platform.jobs.start(t.services.jobHandlers);
  });
  afterAll(async () => {
    await t.close();
    await peer.stop();
  });

  it('delivers a queued invitation through the job queue, without anyone calling the mailer', async () => {
    const agency = await setupAgency(t);
    const input = collaboratorInput();
    const created = await agency.owner.post('/api/collaborators', input);
    const invited = await agency.owner.post(
      `/api/collaborators/${created.json<{ id: string }>().id}/invitation`,
    );
    expect(invited.status).toBe(201);
    const mail = await peer.waitFor((message) => message.to.includes(input.email), 30_000);
    expect(mail.raw).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });
});

import { Secret, TOTP } from 'otpauth';

/**
 * A person talking to the running server over HTTP, like the web app does (cookies, Origin): used to set the
 * scene quickly (agency, collaborators, codes, rules) so that a browser story spends its time on what it tests.
 */
export type ApiPerson = {
  call<T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<T>;
};

export function apiPerson(origin: string): ApiPerson {
  const cookies = new Map<string, string>();
  return {
    async call<T>(method: string, url: string, body?: unknown): Promise<T> {
      const response = await fetch(`${origin}${url}`, {
        method,
        headers: {
          origin,
          cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const separator = pair.indexOf('=');
        cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
      }
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`${method} ${url} → ${response.status}: ${text}`);
      }
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

function totpNow(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), digits: 6, period: 30 }).generate();
}

/** Enrols an authenticator for the person's pending session; the session is then fully signed in. */
export async function enrolAuthenticator(person: ApiPerson): Promise<string> {
  const { factorId, secret } = await person.call<{ factorId: string; secret: string }>(
    'POST',
    '/api/account/totp',
  );
  await person.call('POST', '/api/account/totp/confirm', { factorId, code: totpNow(secret) });
  return secret;
}

/** The first agency through the one-time setup link, its owner signed in. */
export async function setUpAgency(
  origin: string,
  setupLink: string,
  input: { name: string; nip: string; ownerName: string; email: string; password: string },
): Promise<{ person: ApiPerson; secret: string }> {
  const owner = apiPerson(origin);
  const token = new URL(setupLink).hash.replace(/^#token=/, '');
  await owner.call('POST', '/api/setup', {
    token,
    agency: { name: input.name, nip: input.nip },
    owner: { fullName: input.ownerName, email: input.email, password: input.password },
  });
  const secret = await enrolAuthenticator(owner);
  return { person: owner, secret };
}

/** A collaborator registered, invited and signed in with their own authenticator. */
export async function activeCollaborator(
  origin: string,
  owner: ApiPerson,
  input: Record<string, unknown> & { email: string; password: string },
): Promise<{ id: string; person: ApiPerson; secret: string }> {
  const { password, ...fields } = input;
  const { id } = await owner.call<{ id: string }>('POST', '/api/collaborators', fields);
  await owner.call('POST', `/api/collaborators/${id}/invitation`);
  const outbox = await owner.call<{ to: string; template: string; text: string }[]>('GET', '/api/dev/outbox');
  const message = outbox.find(
    (candidate) => candidate.to === input.email && candidate.template === 'invitation',
  );
  const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(message?.text ?? '')?.[0];
  if (!code) {
    throw new Error(`No invitation for ${input.email}`);
  }
  const person = apiPerson(origin);
  await person.call('POST', '/api/invitations/accept', { email: input.email, code, password });
  const secret = await enrolAuthenticator(person);
  return { id, person, secret };
}

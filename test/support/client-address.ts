import type { RequestOptions, TestApp, TestClient } from '../harness.js';

/**
 * A client that comes from its own IP address (X-Forwarded-For; the app needs
 * `env: { TRUST_PROXY: '1' }`). Per-address limits (login and code throttles, the per-route
 * rate limits) then apply to one test at a time instead of to the whole file.
 */
export function clientFrom(t: TestApp, ip: string): TestClient {
  return fromAddress(t.client(), ip);
}

export function fromAddress(client: TestClient, ip: string): TestClient {
  const withIp = (options: RequestOptions = {}): RequestOptions => ({
    ...options,
    headers: { 'x-forwarded-for': ip, ...options.headers },
  });
  return {
    cookies: client.cookies,
    request: (method, url, options) => client.request(method, url, withIp(options)),
    get: (url, options) => client.get(url, withIp(options)),
    post: (url, body, options) => client.post(url, body, withIp(options)),
    patch: (url, body, options) => client.patch(url, body, withIp(options)),
    delete: (url, options) => client.delete(url, withIp(options)),
  };
}

let addressCounter = 0;

/** A fresh documentation address (RFC 5737) for each call. */
export function nextAddress(): string {
  addressCounter++;
  return `198.51.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

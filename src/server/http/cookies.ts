import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

const deviceCookieDays = 400;

function deviceCookieName(config: Pick<Config, 'cookie'>): string {
  return config.cookie.secure ? '__Host-sejf_device' : 'sejf_device';
}

/**
 * The session cookie: __Host- (no Domain, Path=/, Secure), HttpOnly, SameSite=Strict, and no
 * Max-Age, so it ends with the browser as well as on the server.
 */
export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'cookie'>, token: string): void {
  reply.setCookie(config.cookie.name, token, {
    path: '/',
    httpOnly: true,
    secure: config.cookie.secure,
    sameSite: 'strict',
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'cookie'>): void {
  reply.clearCookie(config.cookie.name, {
    path: '/',
    httpOnly: true,
    secure: config.cookie.secure,
    sameSite: 'strict',
  });
}

export function readSessionCookie(request: FastifyRequest, config: Pick<Config, 'cookie'>): string | null {
  const value = request.cookies[config.cookie.name];
  return value && value.length <= 200 ? value : null;
}

/** A random id that lets a new-device login be told apart from a returning browser. */
export function readDeviceCookie(request: FastifyRequest, config: Pick<Config, 'cookie'>): string | null {
  const value = request.cookies[deviceCookieName(config)];
  return value && /^[0-9a-f-]{36}$/.test(value) ? value : null;
}

export function setDeviceCookie(reply: FastifyReply, config: Pick<Config, 'cookie'>, deviceId: string): void {
  reply.setCookie(deviceCookieName(config), deviceId, {
    path: '/',
    httpOnly: true,
    secure: config.cookie.secure,
    sameSite: 'strict',
    maxAge: deviceCookieDays * 24 * 3600,
  });
}

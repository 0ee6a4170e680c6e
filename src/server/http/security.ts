import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request must come from our own pages: the Origin header must be ours, or,
 * where a browser omits it, Sec-Fetch-Site must say same-origin. A request with neither is not
 * from a browser we serve, and is refused too. SameSite=Strict cookies are the second lock.
 */
export function registerOriginCheck(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): void {
  const expected = config.publicUrl.origin;
  app.addHook('onRequest', async (request) => {
    // Every state-changing request, whatever its path looks like before decoding.
    if (safeMethods.has(request.method)) {
      return;
    }
    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];
    const isSameOrigin = origin !== undefined ? origin === expected : fetchSite === 'same-origin';
    if (!isSameOrigin) {
      throw new AppError('origin_mismatch', 'This request did not come from a Sejf page');
    }
  });
}

export async function registerSecurityHeaders(
  app: FastifyInstance,
  config: Pick<Config, 'publicUrl'>,
): Promise<void> {
  const isHttps = config.publicUrl.protocol === 'https:';
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects its CSS variables with a <style> element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(isHttps ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: isHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (!reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
  });
}

// Issue 21: the JSON API's failure throttle keys on the client address (X-Forwarded-For from
// TRUST_PROXY only), not on the socket's: behind a proxy every coordinator shares the socket
// address, and one client's bad tokens must not lock the others out.
import { addCoordinator, startCoordApp, type Coord } from '../coordinator/helpers';
import { AUTH_FAILURES } from '../../src/coordinator/http/web/auth';

const bookings = (c: Coord, token: string, client: string) => fetch(`${c.base}/api/coordinator/bookings`, {
  headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': client },
});

describe('coordinator API failure throttle', () => {
  it('behind TRUST_PROXY: a noisy client is locked out, another client through the same proxy is not', async () => {
    const c = await startCoordApp({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const { token } = await addCoordinator(c.app);
      const noisy = '198.51.100.10';
      for (let i = 0; i < AUTH_FAILURES.max; i++) expect((await bookings(c, `cxc_guess-${i}`, noisy)).status).toBe(401);
      expect((await bookings(c, 'cxc_guess-last', noisy)).status).toBe(429);
      // Same socket address (the proxy), other clients: a bad token is a plain 401, a good one works.
      expect((await bookings(c, 'cxc_other-guess', '198.51.100.11')).status).toBe(401);
      expect((await bookings(c, token, '198.51.100.12')).status).toBe(200);
    } finally { await c.close(); }
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not give a fresh count', async () => {
    const c = await startCoordApp();
    try {
      for (let i = 0; i < AUTH_FAILURES.max; i++) expect((await bookings(c, `cxc_guess-${i}`, `198.18.0.${i}`)).status).toBe(401);
      expect((await bookings(c, 'cxc_guess-last', '198.18.1.1')).status).toBe(429);
    } finally { await c.close(); }
  });
});

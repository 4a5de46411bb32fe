import net from 'node:net';

/** The Redis the Redis-backed tests use: TEST_REDIS_URL, or the default local port. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether that Redis answers within half a second; tests that need it are skipped (and reported) otherwise. */
export function redisAnswers(url = testRedisUrl): Promise<boolean> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 500 });
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(socket.destroy() && false));
  });
}

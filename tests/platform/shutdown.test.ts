import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger, startServer } from '@nexus/server';
import { cloneTemplateDatabase, testConfig } from '../support/test-app.js';

describe('graceful shutdown', () => {
  it('finishes an in-flight request, refuses new connections, then closes', async () => {
    const database = await cloneTemplateDatabase();
    const config = testConfig({ HOST: '127.0.0.1', PORT: '0', DATABASE_URL: database.url });
    const server = await startServer(config, createLogger(config));
    const port = Number(new URL(server.url).port);
    try {
      // A registration whose body is still arriving when the shutdown starts.
      const body = JSON.stringify({
        email: 'inflight@example.com',
        password: 'correct horse battery',
        first_name: 'In',
        last_name: 'Flight',
      });
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      const ended = new Promise((resolve) => socket.once('end', resolve));
      socket.write(
        `POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));

      const stopped = server.stop();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

      socket.write(body.slice(10));
      await ended;
      expect(answer).toMatch(/^HTTP\/1\.1 201 /);
      await stopped;
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});

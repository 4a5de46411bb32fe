import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, isAlive } from '@nexus/db';
import { spawnServer } from '../support/spawn-server.js';
import { cloneTemplateDatabase } from '../support/test-app.js';

let dataDir: string | undefined;
afterAll(async () => {
  if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true });
});

/** A connection the server has accepted: it has already answered a health check on it (keep-alive). */
async function openAcceptedSocket(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise<void>((resolve) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('{"status":"ok"}')) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
  });
  return socket;
}

/** Resolves once `condition` holds, checking every 20 ms. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The status of the next response on the socket, or the error that ended it. */
function responseStatus(socket: net.Socket): Promise<number | string> {
  return new Promise((resolve) => {
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(seen);
      if (status) resolve(Number(status[1]));
    });
    socket.once('error', (error) => resolve(error.message));
    socket.once('close', () => resolve(seen ? seen.slice(0, 40) : 'closed without an answer'));
  });
}

describe('SIGTERM under load', () => {
  it('drains every in-flight request, then stops the embedded database and exits 0', async () => {
    dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'nexus-sigterm-')), 'postgres');
    const server = await spawnServer({
      EMBEDDED_PG_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await findFreePort()),
      SEED_DEMO_DATA: 'false',
      // Production argon2 cost: 48 registrations queue on four threads for a good while.
      ARGON2_MEMORY_KIB: '19456',
      ARGON2_TIME_COST: '2',
    });
    const postmaster = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(isAlive(postmaster)).toBe(true);

    // 48 connections the server has accepted (each answered a health check), each then sending a registration
    // whose body is only half there when SIGTERM arrives: 48 requests really in flight, not still connecting.
    const { port } = new URL(server.baseUrl);
    const sockets = await Promise.all(Array.from({ length: 48 }, () => openAcceptedSocket(Number(port))));
    const bodies = sockets.map((_, i) =>
      JSON.stringify({
        email: `drain-${i}@example.com`,
        password: 'correct horse battery',
        first_name: 'D',
        last_name: 'R',
      }),
    );
    const answers = sockets.map((socket, i) => {
      socket.write(
        `POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${bodies[i]!.length}\r\n\r\n${bodies[i]!.slice(0, 20)}`,
      );
      return responseStatus(socket);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    sockets.forEach((socket, i) => socket.write(bodies[i]!.slice(20)));

    expect(await Promise.all(answers)).toEqual(Array(48).fill(201));
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(postmaster)).toBe(false);
    // Finished because the last request did, not because the 10 s grace period ran out on idle keep-alives.
    expect(server.output()).not.toMatch(/shutdown timeout/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  }, 120_000);

  it('stops gracefully on Ctrl-C, which signals the whole process group, twice or more', async () => {
    const database = await cloneTemplateDatabase();
    try {
      const server = await spawnServer({ DATABASE_URL: database.url });
      const socket = await openAcceptedSocket(Number(new URL(server.baseUrl).port));
      // A request half sent holds the drain open while the repeats arrive (tsx relays each signal once more).
      socket.write(
        'POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{',
      );
      const answer = responseStatus(socket);
      process.kill(-server.child.pid!, 'SIGINT');
      await until(() => server.output().includes('"msg":"shutting down"'));
      // A second Ctrl-C while it drains (impatience, or tsx relaying once more) must not cut the drain short.
      process.kill(-server.child.pid!, 'SIGINT');
      process.kill(-server.child.pid!, 'SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.write(
        '"email":"ctrl-c@example.com","password":"correct horse battery","first_name":"C","last_name":"C"}'.padEnd(199),
      );
      expect(await answer).toBe(201);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.output()).toMatch(/"msg":"stopped"/);
    } finally {
      await database.drop();
    }
  }, 120_000);
});

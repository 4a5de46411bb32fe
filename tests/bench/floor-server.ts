// The floor: the same SQL as the API, served by bare node:http + pg. No Express, no ts-rest, no validation,
// no auth, no cache. What is left is the cost of PostgreSQL and JSON; the API's ratio to it is our overhead.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompiledQuery } from 'kysely';
import { createPool } from '@nexus/db';

/** A scenario's statements; `:id` in the request path replaces the parameter marked `idParameter`. */
export interface FloorScenario {
  statements: CompiledQuery[];
  idParameter?: { statement: number; index: number };
}

export async function startFloorServer(databaseUrl: string, scenarios: Record<string, FloorScenario>, poolMax: number) {
  const pool = createPool({ connectionString: databaseUrl, max: poolMax });
  const server = http.createServer((req, res) => {
    const [, , name, id] = (req.url ?? '').split('?')[0]!.split('/'); // /floor/<scenario>[/<id>]
    const scenario = scenarios[name ?? ''];
    if (!scenario) {
      res.writeHead(404).end();
      return;
    }
    Promise.all(
      scenario.statements.map((statement, i) => {
        const parameters = [...statement.parameters];
        if (id && scenario.idParameter?.statement === i) parameters[scenario.idParameter.index] = id;
        return pool.query(statement.sql, parameters as unknown[]);
      }),
    ).then(
      ([rows]) => {
        // A detail is one row; a list, its rows (with count and versions folded into each, as the API reads them).
        const body = JSON.stringify(scenario.idParameter ? (rows!.rows[0] ?? null) : { results: rows!.rows });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      },
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.close();
      await pool.end();
    },
  };
}

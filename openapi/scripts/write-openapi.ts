// pnpm openapi: writes docs/openapi.json and docs/nexus.postman_collection.json from the contract.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../src/openapi.js';
import { toPostmanCollection } from '../src/postman.js';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const document = buildOpenApiDocument();
await mkdir(docsDir, { recursive: true });
await writeFile(path.join(docsDir, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
await writeFile(
  path.join(docsDir, 'nexus.postman_collection.json'),
  `${JSON.stringify(toPostmanCollection(document), null, 2)}\n`,
);
console.log(`Wrote ${path.relative(process.cwd(), docsDir)}/openapi.json and nexus.postman_collection.json`);

/* global process */
// Test-only preload (`node --import`): appends to MODULE_LOG every express, OpenTelemetry or module-patching
// (require/import-in-the-middle) module the process loads, by `require()` (CommonJS) or `import` (ESM), in order.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.MODULE_LOG;
const watched = /@opentelemetry[/\\]|[/\\]express[/\\]|^express$|-in-the-middle/;

if (file) {
  register('./module-log-hooks.mjs', import.meta.url, { data: { file, watched: watched.source } });
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (watched.test(request)) appendFileSync(file, `${request}\n`);
    return load.call(this, request, ...rest);
  };
}

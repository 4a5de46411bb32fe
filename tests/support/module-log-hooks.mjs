// The ESM half of module-log.mjs: module hooks run on their own thread, so they get the log file as data.
import { appendFileSync } from 'node:fs';

let file;
let watched;

export function initialize(data) {
  file = data.file;
  watched = new RegExp(data.watched);
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (watched.test(specifier) || watched.test(resolved.url)) appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaStorage } from './media-storage.js';

/** Keys are ours (`products/<id>/<id>.webp`), but a path never leaves the directory whatever a key holds. */
function pathOf(root: string, key: string): string {
  const file = path.resolve(root, key);
  if (!file.startsWith(root + path.sep)) throw new Error(`media key outside the media directory: ${key}`);
  return file;
}

/** Files under `dir`, served by this server at /media/ (see mediaRouter). */
export function localDiskStorage(dir: string, baseUrl: string): MediaStorage {
  const root = path.resolve(dir);
  return {
    kind: 'disk',
    dir: root,
    baseUrl,
    async put(key, body) {
      const file = pathOf(root, key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside (a dotfile, which /media/ never serves) and renamed into place: no reader sees half a file.
      const partial = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.partial`);
      await writeFile(partial, body);
      await rename(partial, file);
    },
    get: (key) => readFile(pathOf(root, key)),
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(root, key), { force: true })));
    },
  };
}

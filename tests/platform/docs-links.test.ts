// A user who clones the repository must be able to follow every link in its documentation: relative links resolve
// to files inside the repository, never to a sibling directory only the authors had.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const documents = [
  'README.md',
  'CHANGELOG.md',
  'client-sdk/README.md',
  'contract/README.md',
  ...readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

/** Targets of `[text](target)` and `![alt](target)` outside code blocks, without their `#fragment`. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target!.split('#')[0]!)
    .filter((target) => target && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('the documentation’s links', () => {
  it.each(documents)('%s links only to files in the repository', (document) => {
    const links = relativeLinks(readFileSync(path.join(root, document), 'utf8'));
    const broken = links.filter((target) => {
      const resolved = path.resolve(root, path.dirname(document), target);
      return path.relative(root, resolved).startsWith('..') || !existsSync(resolved);
    });
    expect(broken).toEqual([]);
  });

  it('finds the links it checks', () => {
    expect(relativeLinks(readFileSync(path.join(root, 'README.md'), 'utf8'))).toContain('docs/API.md');
  });
});

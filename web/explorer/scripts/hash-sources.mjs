// Writes the hash of the explorer's sources into the build, so a Go test
// (explore/dist_test.go) can tell when dist/ is older than its sources:
//   node scripts/hash-sources.mjs OUT
// The hash is SHA-256 over, for each file in path order, its path
// relative to web/explorer, a NUL, its bytes and a NUL. The files are
// index.html, vite.config.js, package.json, package-lock.json and src/**.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = ['index.html', 'vite.config.js', 'package.json', 'package-lock.json'];
const walk = (dir) => {
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) walk(p);
    else files.push(p);
  }
};
walk('src');
files.sort();
const h = createHash('sha256');
for (const f of files) {
  h.update(f);
  h.update('\0');
  h.update(readFileSync(join(root, f)));
  h.update('\0');
}
writeFileSync(process.argv[2], h.digest('hex') + '\n');

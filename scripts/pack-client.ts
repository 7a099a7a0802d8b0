// Packs @vtbroker/client for npm. In this repository the package runs from its
// TypeScript sources (Node strips the types), but Node refuses to strip types
// under node_modules, so the published package must be JavaScript: this builds
// dist/ with tsc, stages it with a package.json whose exports point there, and
// runs `npm pack` on the stage. The repository itself stays buildless.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkgDir = join(root, 'packages/client');
const outDir = resolve(process.argv[2] ?? root);
const stage = mkdtempSync(join(tmpdir(), 'vtb-client-pack-'));

try {
  rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
  execFileSync(
    join(root, 'node_modules/.bin/tsc'),
    ['-p', join(pkgDir, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')],
    {
      stdio: 'inherit',
    },
  );
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  delete manifest['devDependencies'];
  delete manifest['scripts'];
  manifest['exports'] = { '.': { types: './dist/index.d.ts', default: './dist/index.js' } };
  manifest['files'] = ['dist'];
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(join(pkgDir, 'README.md'), join(stage, 'README.md'));
  const out = execFileSync('npm', ['pack', '--pack-destination', outDir], {
    cwd: stage,
    encoding: 'utf8',
  });
  process.stdout.write(`packed ${out.trim().split('\n').at(-1) ?? ''} into ${outDir}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** The preview's build cache: its key follows the sources and nothing else, and a hit serves without compiling. */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPreview } from '../app.ts';
import { clientDir, projectRoot } from '../lib/paths.ts';
import type { BuildResult } from './bundle.ts';
import { buildKey, readCachedBuild, writeCachedBuild, type KeyInputs } from './cache.ts';

const fixtures = join(projectRoot, 'preview/e2e/fixtures');

describe('preview build cache', () => {
  let dir: string;
  let inputs: KeyInputs;

  before(() => {
    // Copies of everything the key reads, so the test can change them.
    dir = mkdtempSync(join(tmpdir(), 'preview-cache-'));
    cpSync(join(fixtures, 'lwc'), join(dir, 'lwc'), { recursive: true });
    cpSync(join(fixtures, 'labels'), join(dir, 'labels'), { recursive: true });
    cpSync(join(projectRoot, 'preview/build'), join(dir, 'build'), { recursive: true });
    cpSync(clientDir, join(dir, 'client'), { recursive: true });
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
    inputs = {
      lwcDir: join(dir, 'lwc'),
      labelsFile: join(dir, 'labels/CustomLabels.labels-meta.xml'),
      rootComponent: 'c/previewHarness',
      buildCodeDirs: [join(dir, 'build'), join(dir, 'client')],
      lockFile: join(dir, 'package-lock.json')
    };
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the key stays the same while no source changes', () => {
    assert.equal(buildKey(inputs), buildKey(inputs));
    assert.equal(buildKey(inputs), buildKey({ ...inputs }));
  });

  test('the key ignores component tests and jest mocks, which are not in the bundle', () => {
    const before = buildKey(inputs);
    mkdirSync(join(dir, 'lwc/previewHarness/__tests__'), { recursive: true });
    writeFileSync(join(dir, 'lwc/previewHarness/__tests__/previewHarness.test.js'), 'test("x", () => {});');
    assert.equal(buildKey(inputs), before);
  });

  for (const [what, file] of [
    ['a component file', 'lwc/previewHarness/previewHarness.html'],
    ['the labels', 'labels/CustomLabels.labels-meta.xml'],
    ["the preview's build code", 'build/bundle.ts'],
    ["the preview's client runtime", 'client/apex.js'],
    ['the locked dependency versions', 'package-lock.json']
  ] as const) {
    test(`the key changes after an edit of ${what}`, () => {
      const before = buildKey(inputs);
      appendFileSync(join(dir, file), '\n');
      const changed = buildKey(inputs);
      assert.notEqual(changed, before);
      assert.equal(buildKey(inputs), changed, 'and is stable again after the change');
    });
  }

  test('the key changes with a new component file and with the root component', () => {
    const before = buildKey(inputs);
    writeFileSync(join(dir, 'lwc/previewHarness/extra.css'), ':host { display: block; }');
    assert.notEqual(buildKey(inputs), before);
    assert.notEqual(buildKey({ ...inputs, rootComponent: 'c/other' }), buildKey(inputs));
  });

  test('a stored build is read back only under its own key', () => {
    const cacheDir = join(dir, 'cache');
    const options = { lwcDir: inputs.lwcDir, rootComponent: inputs.rootComponent };
    const result: BuildResult = {
      code: 'window.cached = true;',
      durationMs: 1,
      moduleCount: 3,
      apexMethods: [],
      watchFiles: [],
      warnings: [],
      cache: undefined
    };
    writeCachedBuild('key-1', options, result, cacheDir);
    assert.equal(readCachedBuild('key-1', options, cacheDir)?.code, 'window.cached = true;');
    assert.equal(readCachedBuild('key-2', options, cacheDir), null);
    assert.equal(readCachedBuild('key-1', { ...options, rootComponent: 'c/other' }, cacheDir), null);
  });

  test('a preview whose sources match the cache serves the cached build without compiling', async () => {
    const cacheDir = join(dir, 'serve-cache');
    // The real harness sources, so the key is the one startPreview computes.
    const build = {
      lwcDir: join(fixtures, 'lwc'),
      labelsFile: join(fixtures, 'labels/CustomLabels.labels-meta.xml'),
      rootComponent: 'c/previewHarness'
    };
    const key = buildKey(build);
    writeCachedBuild(
      key,
      build,
      {
        code: 'window.fromTheCache = 1;',
        durationMs: 30_000,
        moduleCount: 42,
        apexMethods: [],
        watchFiles: [],
        warnings: [],
        cache: undefined
      },
      cacheDir
    );
    const preview = await startPreview({ port: 0, stateFile: null, build, buildCache: { dir: cacheDir } });
    try {
      const result = await preview.ready();
      assert.equal(result.fromCache, true);
      assert.equal(result.moduleCount, 42);
      assert.ok(result.durationMs < 5000, `reading the cache took ${result.durationMs} ms`);
      const served = await (await fetch(new URL('/app.js', preview.url))).text();
      assert.equal(served, 'window.fromTheCache = 1;');
    } finally {
      await preview.close();
    }
  });
});

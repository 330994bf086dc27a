import { createReadStream, existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative, sep } from 'node:path';
import type { RollupCache } from 'rollup';
import type { BuildOptions, BuildResult } from './build/bundle.ts';
import { buildKey, keyInputsOf, readCachedBuild, writeCachedBuild } from './build/cache.ts';
import { forceAppDir, projectRoot, sldsDir } from './lib/paths.ts';
import { Org } from './org/org.ts';
import { apexMethods, injectedFailures, invokeApex, type ApexParams } from './org/registry.ts';
import { scenarios } from './org/scenarios.ts';

/**
 * The compiler (rollup, the LWC compiler, Babel) loaded only when something is compiled: a start that serves the
 * cached build skips seconds of module loading.
 */
async function buildBundle(options: BuildOptions): Promise<BuildResult> {
  const bundle = await import('./build/bundle.ts');
  return bundle.buildBundle(options);
}

export interface PreviewOptions {
  /** 0 picks a free port. */
  port: number;
  stateFile: string | null;
  reset?: boolean;
  /** Rebuild when force-app's LWC or labels change, and reload open pages. */
  watch?: boolean;
  /** How long non-sticky toasts stay (the platform uses 3 s; tests want longer). */
  toastDurationMs?: number;
  log?: (line: string) => void;
  /** Which components to compile (defaults: force-app's LWC, root c/adminHome); `cache` warms the first build. */
  build?: BuildOptions;
  /**
   * Reuse the last build when its sources are unchanged (`.preview-cache/`, keyed by a hash of the sources), and
   * store each new build there. Off by default; npm start and the E2E runner turn it on.
   */
  buildCache?: boolean | { dir: string };
  /** A build already made (the E2E runner serves one build from several servers): no build at all. */
  prebuilt?: BuildResult;
}

export interface PreviewServer {
  url: string;
  port: number;
  org: Org;
  /** Settles when the current build finishes: its result, or the build error. */
  ready(): Promise<BuildResult>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is in use; run npm start -- --port <other>`);
  }
}

const MIME: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
};

const MAX_BODY_BYTES = 1_000_000;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The page: SLDS, the org's run-time facts for `@salesforce/*` modules, then the compiled components. */
function page(org: Org, toastDurationMs: number, live: boolean): string {
  const user = org.runningUser();
  const config = {
    userId: user.Id,
    customPermissions: [...org.customPermissionsOf(user.Id)].sort(),
    i18n: {
      locale: user.LocaleSidKey.replace(/_/g, '-'),
      lang: user.LanguageLocaleKey.replace(/_/g, '-'),
      timeZone: user.TimeZoneSidKey
    },
    toastDurationMs
  };
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const reload = live
    ? `<script>new EventSource('/api/live').addEventListener('reload', () => location.reload());</script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Admin Home · Connector Admin (local preview)</title>
<link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css">
<style>
  body { background: #f3f3f3; min-height: 100vh; }
  .preview-header { background: #fff; border-bottom: 1px solid #c9c9c9; }
  .preview-toasts { position: fixed; top: 3.5rem; left: 0; right: 0; z-index: 9000;
    display: flex; flex-direction: column; align-items: center; pointer-events: none; }
  .preview-toasts > * { pointer-events: auto; }
  .preview-page-error { position: relative; z-index: 9001; }
</style>
</head>
<body>
<header class="preview-header slds-p-horizontal_medium slds-p-vertical_x-small slds-grid slds-grid_align-spread slds-grid_vertical-align-center">
  <span class="slds-text-heading_small">Connector Admin</span>
  <span class="slds-text-body_small slds-text-color_weak">Local preview · in-memory org ${escapeHtml(org.state.organization.Name)} · running as ${escapeHtml(user.Name)}</span>
</header>
<main id="app" class="slds-p-around_small"></main>
<script>window.__PREVIEW__ = ${json};</script>
<script src="/app.js"></script>
${reload}
</body>
</html>
`;
}

/** A script that shows the build error in the page instead of a blank screen. */
function buildErrorScript(message: string): string {
  return `(() => {
  const box = document.createElement('div');
  box.className = 'slds-notify slds-notify_alert slds-alert_error preview-page-error';
  box.setAttribute('role', 'alert');
  box.style.whiteSpace = 'pre-wrap';
  box.style.textAlign = 'left';
  box.textContent = ${JSON.stringify(`The preview build failed:\n${message}`)};
  document.body.prepend(box);
})();\n`;
}

function serveAsset(res: ServerResponse, urlPath: string): void {
  const rel = normalize(decodeURIComponent(urlPath.slice('/assets/'.length)));
  const file = join(sldsDir, rel);
  if (rel.startsWith('..') || !file.startsWith(sldsDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'max-age=3600'
  });
  createReadStream(file).pipe(res);
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const log = options.log ?? (() => undefined);
  const toastDurationMs = options.toastDurationMs ?? 4000;
  // Assigned right after the port is bound: a start that fails on a busy port leaves the state file alone.
  let org!: Org;

  let build: Promise<BuildResult>;
  let current: BuildResult | null = null;
  let cache: RollupCache | undefined = options.build?.cache;
  const liveClients = new Set<ServerResponse>();

  const buildOptions: BuildOptions = { ...options.build };
  const cacheDir = typeof options.buildCache === 'object' ? options.buildCache.dir : undefined;
  /** The first build: the cached one when the sources are unchanged, else a fresh one (then stored). */
  const firstBuild = async (): Promise<BuildResult> => {
    if (options.prebuilt) return options.prebuilt;
    if (!options.buildCache) return buildBundle({ ...buildOptions, cache });
    const started = performance.now();
    const key = buildKey(keyInputsOf(buildOptions));
    const cached = readCachedBuild(key, buildOptions, cacheDir);
    if (cached) {
      return { ...cached, durationMs: Math.round(performance.now() - started), cache: undefined, fromCache: true };
    }
    const result = await buildBundle({ ...buildOptions, cache });
    writeCachedBuild(key, buildOptions, result, cacheDir);
    return result;
  };
  const rebuild = async (): Promise<BuildResult> => {
    // Keyed before compiling: a file saved during the build must not be stored under the older sources' key.
    const key = options.buildCache ? buildKey(keyInputsOf(buildOptions)) : null;
    const result = await buildBundle({ ...buildOptions, cache });
    if (key) writeCachedBuild(key, buildOptions, result, cacheDir);
    return result;
  };
  const runBuild = (first = false): Promise<BuildResult> => {
    const started = (first ? firstBuild() : rebuild()).then((result) => {
      current = result;
      cache = result.cache;
      const missing = result.apexMethods.filter((m) => !apexMethods[m]);
      for (const warning of result.warnings) log(`warning: ${warning}`);
      if (missing.length) {
        log(`warning: no in-memory twin for ${missing.join(', ')}: add it to preview/org/registry.ts`);
      }
      return result;
    });
    started.catch(() => undefined); // reported by whoever awaits it
    build = started;
    return started;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    // Only this machine's pages: no DNS-rebound host, and JSON posts (a cross-site form cannot send them).
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== '127.0.0.1' && host !== 'localhost') {
      send(res, 403, 'text/plain; charset=utf-8', 'The preview answers only to 127.0.0.1.');
      return;
    }
    if (req.method === 'POST' && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, { message: 'Send Content-Type: application/json.' });
      return;
    }
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      send(res, 200, 'text/html; charset=utf-8', page(org, toastDurationMs, Boolean(options.watch)));
    } else if (req.method === 'GET' && path === '/app.js') {
      try {
        const result = await build;
        send(res, 200, MIME['.js'] ?? '', result.code);
      } catch (error) {
        send(res, 200, MIME['.js'] ?? '', buildErrorScript((error as Error).message));
      }
    } else if (req.method === 'GET' && path.startsWith('/assets/')) {
      serveAsset(res, path);
    } else if (req.method === 'POST' && path.startsWith('/api/apex/')) {
      const name = decodeURIComponent(path.slice('/api/apex/'.length));
      let params: ApexParams;
      try {
        const text = await readBody(req);
        const parsed: unknown = text ? JSON.parse(text) : {};
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw new Error('the body must be a JSON object of the method parameters');
        }
        params = parsed as ApexParams;
      } catch (error) {
        sendJson(res, 400, { message: `Bad request to ${name}: ${(error as Error).message}` });
        return;
      }
      // Like the Aura endpoint: HTTP 200 with the action's state, so failures do not show as network errors.
      const response = invokeApex(org, name, params);
      sendJson(
        res,
        200,
        response.status === 200
          ? { state: 'SUCCESS', returnValue: response.body }
          : { state: 'ERROR', status: response.status, error: response.body }
      );
    } else if (req.method === 'POST' && path === '/api/preview/reset') {
      org.reset();
      sendJson(res, 200, { ok: true, message: 'The in-memory org is back to its seed.' });
    } else if (req.method === 'POST' && path.startsWith('/api/preview/scenario/')) {
      const name = decodeURIComponent(path.slice('/api/preview/scenario/'.length));
      const scenario = Object.hasOwn(scenarios, name) ? scenarios[name] : undefined;
      if (!scenario) {
        sendJson(res, 404, {
          ok: false,
          message: `No scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}`
        });
        return;
      }
      const message = org.transaction(() => scenario(org));
      org.save();
      sendJson(res, 200, { ok: true, message });
    } else if (req.method === 'POST' && path.startsWith('/api/preview/fail-next/')) {
      const name = decodeURIComponent(path.slice('/api/preview/fail-next/'.length));
      if (!Object.hasOwn(apexMethods, name)) {
        sendJson(res, 404, { ok: false, message: `No in-memory twin for ${name}` });
        return;
      }
      const body = (await readBody(req).then((text) => (text ? JSON.parse(text) : {}))) as { message?: unknown };
      const message = typeof body.message === 'string' && body.message ? body.message : `${name} failed (injected).`;
      injectedFailures.set(name, message);
      sendJson(res, 200, { ok: true, message: `The next ${name} call fails with: ${message}` });
    } else if (req.method === 'GET' && path === '/api/health') {
      sendJson(res, 200, {
        ok: true,
        build: current ? { durationMs: current.durationMs, modules: current.moduleCount } : null
      });
    } else if (req.method === 'GET' && path === '/api/live') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive'
      });
      res.write(': connected\n\n');
      liveClients.add(res);
      req.on('close', () => liveClients.delete(res));
    } else {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: (error as Error).message });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port) : error)
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  try {
    org = Org.open({ stateFile: options.stateFile, reset: options.reset });
  } catch (error) {
    server.close();
    throw error;
  }
  runBuild(true);

  let watcher: FSWatcher | null = null;
  if (options.watch) {
    let timer: NodeJS.Timeout | undefined;
    watcher = watch(forceAppDir, { recursive: true }, (_event, file) => {
      const changed = String(file ?? '');
      if (!/^(lwc|labels)([/\\]|$)/.test(changed) || changed.includes('__tests__')) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        log(`${relative(projectRoot, join(forceAppDir, changed))} changed: rebuilding…`);
        runBuild().then(
          (result) => {
            log(`Rebuilt in ${(result.durationMs / 1000).toFixed(1)} s; reloading open pages.`);
            for (const client of liveClients) client.write('event: reload\ndata: {}\n\n');
          },
          (error: unknown) => log(`Build failed: ${(error as Error).message}`)
        );
      }, 200);
    });
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    org,
    ready: () => build,
    close: () =>
      new Promise<void>((resolve) => {
        watcher?.close();
        for (const client of liveClients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

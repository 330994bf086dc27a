/**
 * `npm start`: Admin Home from force-app, compiled with the LWC OSS compiler, on an in-memory org.
 *   npm start [-- --port 4173] [--reset] [--no-watch] [--state <file>]
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { PortInUseError, startPreview } from './app.ts';
import { defaultStateFile, projectRoot } from './lib/paths.ts';

const USAGE = `Usage: npm start -- [--port <n>] [--reset] [--no-watch] [--state <file>]
  --port <n>      port on 127.0.0.1 (default 4173)
  --reset         discard this session's changes and start from the seeded org
  --no-watch      build once; do not rebuild when force-app's LWC or labels change
  --state <file>  where the org's changes persist (default .preview-state/org.json)`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values: { port?: string; reset?: boolean; 'no-watch'?: boolean; state?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      reset: { type: 'boolean' },
      'no-watch': { type: 'boolean' },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  }));
} catch (error) {
  usageError((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = values.port === undefined ? 4173 : Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  usageError(`--port must be a whole number from 1 to 65535, got "${values.port}".`);
}

const stateFile = values.state ? resolve(values.state) : defaultStateFile;
try {
  const preview = await startPreview({
    port,
    stateFile,
    reset: values.reset,
    watch: !values['no-watch'],
    // Unchanged force-app and preview sources: serve the last build instead of compiling again.
    buildCache: true,
    log: (line) => console.log(line)
  });
  if (preview.org.seededBecause) console.log(`In-memory org seeded (${preview.org.seededBecause}).`);
  else console.log(`In-memory org restored from ${stateFile.replace(`${projectRoot}/`, '')} (--reset to start over).`);
  console.log(`Building the components from force-app… (${preview.url} opens when it is done)`);
  try {
    const result = await preview.ready();
    console.log(
      result.fromCache
        ? `Sources unchanged: reusing the last build of ${result.moduleCount} modules (.preview-cache/).`
        : `Built ${result.moduleCount} modules in ${(result.durationMs / 1000).toFixed(1)} s.`
    );
  } catch (error) {
    console.error(`Build failed: ${(error as Error).message}`);
    console.error(values['no-watch'] ? 'Fix it and restart.' : 'Fix it and save: the preview rebuilds.');
  }
  console.log(`\nConnector Admin preview: ${preview.url}\n`);
  const stop = () => {
    preview.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof PortInUseError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

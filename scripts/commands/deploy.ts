import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { ComponentSet, DeployResult, MetadataApiDeployStatus } from '@salesforce/source-deploy-retrieve';
import { defineCommand, type CommandOutput } from '../lib/command.ts';
import { UsageError } from '../lib/errors.ts';
import { deployAroundJobs, type JobsAroundDeploy } from '../lib/pending-jobs.ts';

export interface ComponentError {
  type: string;
  fullName: string;
  filePath: string | null;
  line: number | null;
  column: number | null;
  problem: string;
}

export interface TestFailure {
  name: string;
  methodName: string;
  message: string;
  stackTrace: string | null;
}

export interface DeployCommandResult {
  id: string | null;
  status: string;
  success: boolean;
  checkOnly: boolean;
  testLevel: string;
  componentsTotal: number;
  componentsDeployed: number;
  componentErrors: ComponentError[];
  testsRun: number;
  testFailures: TestFailure[];
  coverageWarnings: string[];
  errorMessage: string | null;
  /** --dry-run: nothing was deployed. */
  dryRun?: boolean;
  /** The package's pending Apex jobs and what was done about them (null when the org was not asked). */
  jobs?: JobsAroundDeploy | null;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The component set of a source directory (force-app by default). */
export async function buildComponentSet(sourceDir: string): Promise<ComponentSet> {
  const { ComponentSet } = await import('@salesforce/source-deploy-retrieve');
  if (!existsSync(sourceDir)) throw new UsageError(`Source directory ${sourceDir} does not exist: pass --source-dir.`);
  const set = ComponentSet.fromSource(sourceDir);
  if (set.size === 0) throw new UsageError(`No deployable metadata in ${sourceDir}.`);
  return set;
}

/** Turns a Metadata API deploy result into the command result: every component error with file and line. */
export function summarizeDeploy(result: DeployResult, root: string, testLevel: string): DeployCommandResult {
  const response: MetadataApiDeployStatus = result.response;
  const componentErrors: ComponentError[] = [];
  const seen = new Set<string>();
  for (const file of result.getFileResponses()) {
    if (file.state !== 'Failed') continue;
    const key = `${file.type}|${file.fullName}|${file.lineNumber ?? ''}|${file.error}`;
    if (seen.has(key)) continue;
    seen.add(key);
    componentErrors.push({
      type: file.type,
      fullName: file.fullName,
      filePath: file.filePath ? relative(root, file.filePath) : null,
      line: file.lineNumber ?? null,
      column: file.columnNumber ?? null,
      // SDR appends " (line:col)"; the location has its own fields.
      problem: file.error.replace(/ \(\d+:\d+\)$/, '')
    });
  }
  // Failures the component set cannot map to a file (e.g. a component not in the source) still get listed.
  for (const failure of asArray(response.details?.componentFailures)) {
    const key = `${failure.componentType ?? ''}|${failure.fullName}`;
    if (componentErrors.some((e) => `${e.type}|${e.fullName}` === key)) continue;
    componentErrors.push({
      type: failure.componentType ?? 'Unknown',
      fullName: failure.fullName,
      filePath: failure.fileName || null,
      line: failure.lineNumber ? Number(failure.lineNumber) : null,
      column: failure.columnNumber ? Number(failure.columnNumber) : null,
      problem: failure.problem ?? 'failed'
    });
  }
  const tests = response.details?.runTestResult;
  return {
    id: response.id ?? null,
    status: String(response.status),
    success: response.success === true || String(response.success) === 'true',
    checkOnly: response.checkOnly === true || String(response.checkOnly) === 'true',
    testLevel,
    componentsTotal: Number(response.numberComponentsTotal ?? 0),
    componentsDeployed: Number(response.numberComponentsDeployed ?? 0),
    componentErrors,
    testsRun: Number(tests?.numTestsRun ?? 0),
    testFailures: asArray(tests?.failures).map((f) => ({
      name: f.name,
      methodName: f.methodName,
      message: f.message,
      stackTrace: f.stackTrace || null
    })),
    coverageWarnings: asArray(tests?.codeCoverageWarnings).map((w) => w.message),
    errorMessage: response.errorMessage ?? null
  };
}

/** Prints each component as the org reports it done (stderr), and a bar when stderr is a terminal. */
export function deployProgress(out: CommandOutput): {
  onUpdate: (status: MetadataApiDeployStatus) => void;
  finish: () => void;
} {
  const reported = new Set<string>();
  let bar: ReturnType<CommandOutput['progress']> | null = null;
  let lastDeployed = 0;
  return {
    onUpdate: (status) => {
      const total = Number(status.numberComponentsTotal ?? 0);
      if (!bar && total > 0) bar = out.progress('Deploying', total);
      for (const message of [
        ...asArray(status.details?.componentSuccesses),
        ...asArray(status.details?.componentFailures)
      ]) {
        if (!message.fullName || message.fullName === 'package.xml') continue;
        const ok = message.success === true || message.success === 'true';
        const key = `${message.componentType ?? ''}|${message.fullName}|${ok}`;
        if (reported.has(key)) continue;
        reported.add(key);
        out.info(
          `${ok ? '✓' : '✗'} ${message.componentType ?? ''} ${message.fullName}${ok ? '' : `: ${message.problem ?? ''}`}`
        );
      }
      const deployed = Number(status.numberComponentsDeployed ?? 0) + Number(status.numberComponentErrors ?? 0);
      if (bar && deployed > lastDeployed) {
        bar.tick(deployed - lastDeployed);
        lastDeployed = deployed;
      }
    },
    finish: () => {
      if (bar) (bar as ReturnType<CommandOutput['progress']>).done();
    }
  };
}

export const deployCommand = defineCommand<DeployCommandResult>({
  name: 'deploy',

  async run(context) {
    const { args, out, project } = context;
    const sourceDir = resolve(project.root, args.string('source-dir') ?? project.packageDir);
    const wait = args.integer('wait') ?? 33;
    if (wait <= 0) throw new UsageError('--wait must be a positive number of minutes.');
    const validate = args.bool('validate');
    const testLevel = args.string('test-level') ?? (validate ? 'RunLocalTests' : 'Default');
    const components = await buildComponentSet(sourceDir);
    const progress = deployProgress(out);
    out.info(
      `${args.bool('dry-run') ? 'Planning the deploy of' : validate ? 'Validating' : 'Deploying'} ${components.size} component(s) from ${relative(project.root, sourceDir) || '.'}…`
    );

    const { client } = await context.connect();
    const classNames = components
      .toArray()
      .filter((component) => component.type.name === 'ApexClass')
      .map((component) => component.fullName);
    const dryRun = args.bool('dry-run');
    const { jobs, deployed } = await deployAroundJobs({
      client,
      classNames,
      restartJobs: args.bool('restart-jobs'),
      dryRun,
      out,
      deploy: async () => {
        const result = await metadataDeploy();
        progress.finish();
        return summarizeDeploy(result, project.root, testLevel);
      }
    });
    if (!deployed) {
      return {
        exitCode: 0,
        result: {
          id: null,
          status: 'NotDeployed',
          success: true,
          checkOnly: validate,
          testLevel,
          componentsTotal: components.size,
          componentsDeployed: 0,
          componentErrors: [],
          testsRun: 0,
          testFailures: [],
          coverageWarnings: [],
          errorMessage: null,
          dryRun: true,
          jobs
        }
      };
    }
    deployed.jobs = jobs;
    return { exitCode: deployed.success && jobs.action !== 'restart-failed' ? 0 : 1, result: deployed };

    async function metadataDeploy(): Promise<DeployResult> {
      // SDR deploys through the same Connection as every other call (the org of --target-org).
      const usernameOrConnection = client.conn;
      components.apiVersion = client.apiVersion;
      const deploy = await components.deploy({
        usernameOrConnection,
        apiOptions: {
          checkOnly: validate,
          rollbackOnError: true,
          ...(testLevel === 'Default' ? {} : { testLevel: testLevel as 'RunLocalTests' })
        }
      });
      deploy.onUpdate(progress.onUpdate);
      return deploy.pollStatus({ frequency: { seconds: 2 }, timeout: { minutes: wait } } as never);
    }
  },

  render(result, out) {
    const jobs = result.jobs;
    if (result.dryRun) {
      out.print(`Dry run: nothing deployed (${result.componentsTotal} component(s)).`);
      if (jobs && jobs.pending.length === 0) out.print('No pending Apex jobs of the deployed classes.');
    }
    for (const job of jobs?.pending ?? []) {
      out.print(`  pending job: ${job.jobType} ${job.className} (${job.status})`);
    }
    for (const message of jobs?.messages ?? []) out.print(message);
    if (result.dryRun) return;
    out.print(
      `${result.checkOnly ? 'Validation' : 'Deploy'} ${result.id ?? ''} ${result.status}: ${result.componentsDeployed}/${result.componentsTotal} components` +
        (result.testsRun ? `, ${result.testsRun} tests run, ${result.testFailures.length} failed` : '')
    );
    if (result.errorMessage) out.print(result.errorMessage);
    for (const error of result.componentErrors) {
      const where = error.filePath
        ? `${error.filePath}${error.line !== null ? `:${error.line}${error.column !== null ? `:${error.column}` : ''}` : ''}`
        : '';
      out.print(`  ✗ ${error.type} ${error.fullName}${where ? ` (${where})` : ''}: ${error.problem}`);
    }
    for (const failure of result.testFailures) {
      out.print(`  ✗ test ${failure.name}.${failure.methodName}: ${failure.message}`);
      if (failure.stackTrace) out.print(`      ${failure.stackTrace}`);
    }
    for (const warning of result.coverageWarnings) out.print(`  coverage: ${warning}`);
    if (!result.success && jobs?.action === 'warned') {
      out.print(
        'Apex jobs of deployed classes were pending: if the org refused the classes for that, run again with ' +
          '--restart-jobs, or turn on Setup › Deployment Settings › "Allow deployments of components when ' +
          'corresponding Apex jobs are pending or in progress".'
      );
    }
  }
});

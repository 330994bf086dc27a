import type { ParsedArgs } from './flags.ts';
import { UsageError } from './errors.ts';
import { OrgClient, type ClientOptions } from './client.ts';
import { checkApiVersion, checkNamespace, type ProjectConfig } from './project.ts';
import type { Redactor } from './redact.ts';

export const TOKEN_ENV = 'SF_ACCESS_TOKEN';

export interface ConnectOptions {
  args: ParsedArgs;
  env: NodeJS.ProcessEnv;
  project: ProjectConfig;
  redactor: Redactor;
  log: (message: string) => void;
  /** Transport overrides (tests: short backoff). */
  transport?: Partial<
    Pick<ClientOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'pollBaseMs' | 'pollMaxMs'>
  >;
}

export interface OrgTarget {
  instanceUrl: string;
  accessToken: string;
  username: string | null;
  refresh?: () => Promise<string>;
}

export function apiVersionOf(args: ParsedArgs, project: ProjectConfig): string {
  const flag = args.string('api-version');
  return flag === undefined ? project.apiVersion : checkApiVersion(flag);
}

export function namespaceOf(args: ParsedArgs, project: ProjectConfig): string {
  const flag = args.string('namespace');
  return flag === undefined ? project.namespace : checkNamespace(flag);
}

/** Resolves -o/--target-org through @salesforce/core, or --instance-url plus env SF_ACCESS_TOKEN. */
export async function resolveTarget(args: ParsedArgs, env: NodeJS.ProcessEnv, redactor: Redactor): Promise<OrgTarget> {
  const alias = args.string('target-org');
  const instanceUrl = args.string('instance-url');
  if (alias && instanceUrl) {
    throw new UsageError('Use either -o/--target-org or --instance-url (with env SF_ACCESS_TOKEN), not both.');
  }
  if (instanceUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(instanceUrl);
    } catch {
      throw new UsageError(
        `--instance-url '${instanceUrl}' is not a URL; use e.g. https://mydomain.my.salesforce.com.`
      );
    }
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new UsageError('--instance-url must use https:// (plain http is accepted only for 127.0.0.1).');
    }
    const token = env[TOKEN_ENV];
    if (!token) {
      throw new UsageError(
        `--instance-url needs the access token in env ${TOKEN_ENV} (e.g. from 'sf org display --verbose'); it is never a flag.`
      );
    }
    redactor.add(token);
    return { instanceUrl: url.origin, accessToken: token, username: null };
  }
  const aliasOrUsername = alias ?? env['SF_TARGET_ORG'];
  if (!aliasOrUsername) {
    throw new UsageError(
      `No org given: pass -o/--target-org <alias|username> (authorized with 'sf org login web'), or --instance-url <url> with env ${TOKEN_ENV}.`
    );
  }
  const { Org } = await import('@salesforce/core');
  let org: InstanceType<typeof Org>;
  try {
    org = await Org.create({ aliasOrUsername });
  } catch (error) {
    throw new UsageError(
      `Cannot use org '${aliasOrUsername}': ${(error as Error).message.replace(/\.+$/, '')}. Authorize it with 'sf org login web -a ${aliasOrUsername}'.`
    );
  }
  const connection = org.getConnection();
  await org.refreshAuth();
  const accessToken = connection.accessToken;
  if (!accessToken || !connection.instanceUrl) {
    throw new UsageError(
      `Org '${aliasOrUsername}' has no usable session; run 'sf org login web -a ${aliasOrUsername}'.`
    );
  }
  redactor.add(accessToken);
  return {
    instanceUrl: connection.instanceUrl,
    accessToken,
    username: connection.getUsername() ?? null,
    refresh: async () => {
      await org.refreshAuth();
      const fresh = org.getConnection().accessToken;
      if (!fresh) throw new UsageError(`Org '${aliasOrUsername}' session expired; run 'sf org login web'.`);
      redactor.add(fresh);
      return fresh;
    }
  };
}

export async function connect(options: ConnectOptions): Promise<{ client: OrgClient; target: OrgTarget }> {
  const apiVersion = apiVersionOf(options.args, options.project);
  const namespace = namespaceOf(options.args, options.project);
  const target = await resolveTarget(options.args, options.env, options.redactor);
  const client = new OrgClient({
    instanceUrl: target.instanceUrl,
    accessToken: target.accessToken,
    apiVersion,
    namespace,
    redactor: options.redactor,
    log: options.log,
    refreshAccessToken: target.refresh,
    ...options.transport
  });
  return { client, target };
}

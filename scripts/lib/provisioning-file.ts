import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './errors.ts';
import { MIN_SECRET_LENGTH, type Redactor } from './redact.ts';

export const SECRET_NAMES = ['clientSecret', 'apiKey'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Default env var per secret; a provisioning file may name others. */
export const DEFAULT_SECRET_ENV: Record<SecretName, string> = {
  clientSecret: 'CONNECTOR_CLIENT_SECRET',
  apiKey: 'CONNECTOR_API_KEY'
};

/** Non-secret settings PUT connector/v1/settings accepts (SettingsView names). */
export const SETTING_TYPES = {
  connectedAppName: 'string',
  platformBaseUrl: 'string',
  consumerKey: 'string',
  callbackUrl: 'string',
  csmEmailField: 'string',
  csmSyncEnabled: 'boolean',
  csmSyncScopeSize: 'number'
} as const;
export type SettingName = keyof typeof SETTING_TYPES;
export type Settings = Partial<Record<SettingName, string | number | boolean>>;

export interface ProvisioningFile {
  path: string;
  connectorUser: string | null;
  permissionSetName: string | null;
  /** true: every Conditional requirement; list: those whose Condition__c is listed. */
  includeConditional: boolean | string[];
  admins: string[];
  users: string[];
  settings: Settings;
  /** Env var name per secret. */
  secretEnv: Partial<Record<SecretName, string>>;
  startJobs: boolean;
}

const TOP_LEVEL_KEYS = [
  'connectorUser',
  'permissionSetName',
  'includeConditional',
  'admins',
  'users',
  'settings',
  'secrets',
  'startJobs'
];

function fail(path: string, message: string): never {
  throw new UsageError(`${path}: ${message}`);
}

function usernames(path: string, key: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(path, `'${key}' must be a list of usernames.`);
  return value.map((entry, index) => {
    if (typeof entry !== 'string' || !/^\S+@\S+$/.test(entry.trim())) {
      fail(path, `'${key}[${index}]' must be a username like user@example.com; got ${JSON.stringify(entry)}.`);
    }
    return entry.trim();
  });
}

/** Reads the YAML or JSON provisioning file; every shape problem is a usage error naming the key. */
export function readProvisioningFile(path: string): ProvisioningFile {
  if (!existsSync(path)) fail(path, 'file not found; pass an existing YAML or JSON file to --file.');
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    fail(path, `cannot be parsed (${(error as Error).message.split('\n')[0]}); fix the syntax.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail(path, 'must be a mapping of keys (see --help).');
  const doc = data as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key)) fail(path, `unknown key '${key}'; allowed keys: ${TOP_LEVEL_KEYS.join(', ')}.`);
  }

  const connector = doc['connectorUser'];
  if (
    connector !== undefined &&
    connector !== null &&
    (typeof connector !== 'string' || !/^\S+@\S+$/.test(connector))
  ) {
    fail(path, `'connectorUser' must be a username like connector@example.com.`);
  }
  const psName = doc['permissionSetName'];
  if (psName !== undefined && psName !== null && (typeof psName !== 'string' || !isApiName(psName))) {
    fail(path, `'permissionSetName' must be an API name (letters, digits, single underscores).`);
  }

  let includeConditional: boolean | string[] = false;
  const conditional = doc['includeConditional'];
  if (typeof conditional === 'boolean') includeConditional = conditional;
  else if (Array.isArray(conditional) && conditional.every((c) => typeof c === 'string')) {
    includeConditional = conditional as string[];
  } else if (conditional !== undefined && conditional !== null) {
    fail(path, `'includeConditional' must be true/false or a list of condition labels (e.g. ["Wrap-up used"]).`);
  }

  const settings: Settings = {};
  const rawSettings = doc['settings'];
  if (rawSettings !== undefined && rawSettings !== null) {
    if (typeof rawSettings !== 'object' || Array.isArray(rawSettings)) fail(path, `'settings' must be a mapping.`);
    for (const [key, value] of Object.entries(rawSettings as Record<string, unknown>)) {
      if (SECRET_NAMES.includes(key as SecretName)) {
        fail(
          path,
          `'settings.${key}' is a secret: never put it in a file; set env ${DEFAULT_SECRET_ENV[key as SecretName]} or use --secrets-file.`
        );
      }
      const type = SETTING_TYPES[key as SettingName];
      if (!type) fail(path, `unknown setting '${key}'; allowed: ${Object.keys(SETTING_TYPES).join(', ')}.`);
      if (typeof value !== type) fail(path, `'settings.${key}' must be a ${type}.`);
      settings[key as SettingName] = value as string | number | boolean;
    }
  }

  const secretEnv: Partial<Record<SecretName, string>> = {};
  const rawSecrets = doc['secrets'];
  if (rawSecrets !== undefined && rawSecrets !== null) {
    if (typeof rawSecrets !== 'object' || Array.isArray(rawSecrets)) fail(path, `'secrets' must be a mapping.`);
    for (const [key, value] of Object.entries(rawSecrets as Record<string, unknown>)) {
      if (!SECRET_NAMES.includes(key as SecretName))
        fail(path, `unknown secret '${key}'; allowed: ${SECRET_NAMES.join(', ')}.`);
      const envName = value && typeof value === 'object' ? (value as Record<string, unknown>)['env'] : undefined;
      if (typeof envName !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) {
        // Never echo the value: it may be a secret pasted by mistake.
        fail(path, `'secrets.${key}' must be { env: VARIABLE_NAME }; secret values never go in this file.`);
      }
      secretEnv[key as SecretName] = envName;
    }
  }

  const startJobs = doc['startJobs'];
  if (startJobs !== undefined && typeof startJobs !== 'boolean') fail(path, `'startJobs' must be true or false.`);

  return {
    path,
    connectorUser: typeof connector === 'string' ? connector.trim() : null,
    permissionSetName: typeof psName === 'string' ? psName : null,
    includeConditional,
    admins: usernames(path, 'admins', doc['admins']),
    users: usernames(path, 'users', doc['users']),
    settings,
    secretEnv,
    startJobs: startJobs !== false
  };
}

export function isApiName(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/.test(value) && value.length <= 80;
}

/**
 * Secrets come from env vars (default names or those the file names) or a secrets file; never flags.
 * Every value found is registered with the redactor before anything is logged.
 */
export function readSecrets(
  env: NodeJS.ProcessEnv,
  secretEnv: Partial<Record<SecretName, string>>,
  secretsFile: string | undefined,
  redactor: Redactor,
  options: { dryRun?: boolean } = {}
): Partial<Record<SecretName, string>> {
  const secrets: Partial<Record<SecretName, string>> = {};
  if (secretsFile !== undefined) {
    if (!existsSync(secretsFile)) throw new UsageError(`--secrets-file ${secretsFile}: file not found.`);
    let data: unknown;
    try {
      const text = readFileSync(secretsFile, 'utf8');
      data = extname(secretsFile).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
    } catch {
      // The parser message could quote file content, i.e. a secret.
      throw new UsageError(`--secrets-file ${secretsFile}: cannot be parsed as JSON or YAML; fix the syntax.`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new UsageError(`--secrets-file ${secretsFile}: must map ${SECRET_NAMES.join(', ')} to values.`);
    }
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      if (!SECRET_NAMES.includes(key as SecretName)) {
        throw new UsageError(
          `--secrets-file ${secretsFile}: unknown secret '${key}'; allowed: ${SECRET_NAMES.join(', ')}.`
        );
      }
      if (typeof value !== 'string') throw new UsageError(`--secrets-file ${secretsFile}: '${key}' must be a string.`);
      secrets[key as SecretName] = value;
    }
  }
  for (const name of SECRET_NAMES) {
    if (secrets[name] !== undefined) continue;
    const envName = secretEnv[name] ?? DEFAULT_SECRET_ENV[name];
    const value = env[envName];
    if (value !== undefined && value !== '') secrets[name] = value;
    else if (secretEnv[name] && options.dryRun) {
      // A dry run plans the write without the value: '' marks a secret the real run will need.
      secrets[name] = '';
    } else if (secretEnv[name])
      throw new UsageError(`Secret ${name}: env ${envName} named in the provisioning file is not set.`);
  }
  for (const name of SECRET_NAMES) {
    const value = secrets[name];
    if (value === undefined || (value === '' && options.dryRun)) continue;
    if (value.length < MIN_SECRET_LENGTH) {
      throw new UsageError(`Secret ${name} is shorter than ${MIN_SECRET_LENGTH} characters; check its value.`);
    }
    redactor.add(value);
  }
  return secrets;
}

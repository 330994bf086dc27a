/**
 * Imported first by the in-process CLI harness: sf's state (auth files, aliases, config) goes to a temporary HOME, never
 * the user's, and sf sends no telemetry. @salesforce/core reads these when it loads, so this module must run before it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SF_TEST_HOME = mkdtempSync(join(tmpdir(), 'connector-sf-home-'));
process.env['HOME'] = SF_TEST_HOME;
process.env['USERPROFILE'] = SF_TEST_HOME;
process.env['SF_DISABLE_TELEMETRY'] = 'true';
process.env['SF_AUTOUPDATE_DISABLE'] = 'true';
process.env['SF_USE_GENERIC_UNIX_KEYCHAIN'] = 'true';
process.env['SF_DISABLE_LOG_FILE'] = 'true';

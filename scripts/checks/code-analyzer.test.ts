import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CONFIG_FILE, suppressionIssues } from './code-analyzer.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('Code Analyzer configuration', () => {
  it('gives every suppression of the project a reason and a bound', () => {
    const config = parse(readFileSync(join(ROOT, CONFIG_FILE), 'utf8')) as Parameters<typeof suppressionIssues>[1];
    assert.deepEqual(suppressionIssues(CONFIG_FILE, config), []);
    assert.ok(Object.keys(config.suppressions ?? {}).length > 0);
  });

  it('fails a suppression without a reason or without a bound', () => {
    const found = suppressionIssues('code-analyzer.yml', {
      suppressions: {
        'main/default/classes/A.cls': [
          { rule_selector: 'pmd:AvoidHardcodedCredentialsInFieldDecls', max_suppressed_violations: 1 }
        ],
        'main/default/classes/B.cls': [
          { rule_selector: 'pmd:ApexCRUDViolation', reason: 'the user never sees these records' }
        ]
      }
    }).map((issue) => issue.message);
    assert.deepEqual(found, [
      'suppression main/default/classes/A.cls pmd:AvoidHardcodedCredentialsInFieldDecls has no reason',
      'suppression main/default/classes/B.cls pmd:ApexCRUDViolation has no max_suppressed_violations'
    ]);
  });
});

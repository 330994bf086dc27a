import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk } from './lib/files.ts';
import type { CheckResult, Issue } from './lib/issue.ts';
import { lineOf, scanSource } from './lib/source-scan.ts';

/**
 * Accessibility, statically: every LWC with a template has a jest suite, and every suite awaits an
 * sa11y `toBeAccessible()` assertion (registered globally in scripts/jest/sa11y-setup.js); icon-only
 * controls in templates carry a text alternative, because an icon alone gives a screen reader nothing.
 */

const SA11Y_FIX =
  'render the component, then `await expect(element).toBeAccessible();` (sa11y is set up for every suite)';

/** Controls whose only visible content is an icon, and the attributes that can name them. */
const ICON_CONTROLS: { tag: string; iconOnly: (attrs: Map<string, string>) => boolean }[] = [
  { tag: 'lightning-button-icon', iconOnly: () => true },
  { tag: 'lightning-button-icon-stateful', iconOnly: () => true },
  { tag: 'lightning-button-menu', iconOnly: (attrs) => !hasValue(attrs, 'label') },
  { tag: 'lightning-button', iconOnly: (attrs) => attrs.has('icon-name') && !hasValue(attrs, 'label') },
  { tag: 'lightning-avatar', iconOnly: () => true }
];
const NAME_ATTRIBUTES = ['alternative-text', 'title', 'aria-label'];
const TAG = /<([a-z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function hasValue(attrs: Map<string, string>, name: string): boolean {
  const value = attrs.get(name);
  return value !== undefined && value.trim() !== '';
}

function attributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) attrs.set((m[1] ?? '').toLowerCase(), m[3] ?? m[4] ?? m[5] ?? '');
  return attrs;
}

function lwcBundles(projectDir: string): string[] {
  const project = JSON.parse(readFileSync(join(projectDir, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories?: { path: string }[];
  };
  const bundles = new Set<string>();
  for (const { path } of project.packageDirectories ?? []) {
    for (const file of walk(join(projectDir, path), (p) => /[\\/]lwc[\\/][^\\/]+[\\/][^\\/]+\.js-meta\.xml$/.test(p))) {
      bundles.add(join(file, '..'));
    }
  }
  return [...bundles].sort();
}

function checkSuites(bundle: string, name: string, issues: Issue[]): number {
  const template = join(bundle, `${name}.html`);
  if (!existsSync(template)) return 0; // a service module: nothing rendered, nothing to scan
  const testDir = join(bundle, '__tests__');
  const suites = existsSync(testDir)
    ? readdirSync(testDir)
        .filter((f) => f.endsWith('.test.js'))
        .sort()
    : [];
  if (suites.length === 0) {
    issues.push({
      file: template,
      line: 1,
      message: `component ${name} has no jest suite, so nothing asserts that it is accessible`,
      fix: `add lwc/${name}/__tests__/${name}.test.js that ${SA11Y_FIX}`
    });
  }
  for (const suite of suites) {
    const file = join(testDir, suite);
    const source = readFileSync(file, 'utf8');
    const { code } = scanSource(source, 'js');
    const calls = [...code.matchAll(/\.\s*(not\s*\.\s*)?toBeAccessible\s*\(/g)].filter((m) => !m[1]);
    if (calls.length === 0) {
      issues.push({
        file,
        line: 1,
        message: `LWC test suite for ${name} has no toBeAccessible() assertion`,
        fix: SA11Y_FIX
      });
    }
    for (const call of calls) {
      const statementStart = Math.max(code.lastIndexOf(';', call.index), code.lastIndexOf('{', call.index)) + 1;
      const statement = code.slice(statementStart, call.index).trimStart();
      if (!/^(await|return)\b/.test(statement)) {
        issues.push({
          file,
          line: lineOf(source, call.index),
          message: 'toBeAccessible() is not awaited: the test ends before the accessibility scan can fail it',
          fix: 'write `await expect(element).toBeAccessible();` inside an async test'
        });
      }
    }
  }
  return suites.length;
}

function checkTemplate(template: string, issues: Issue[]): void {
  const source = readFileSync(template, 'utf8');
  const { code } = scanSource(source, 'html');
  for (const m of code.matchAll(TAG)) {
    const tag = m[1] ?? '';
    const attrs = attributes(m[2] ?? '');
    const control = ICON_CONTROLS.find((c) => c.tag === tag);
    if (control?.iconOnly(attrs) && !NAME_ATTRIBUTES.some((a) => hasValue(attrs, a))) {
      issues.push({
        file: template,
        line: lineOf(source, m.index),
        message: `<${tag}> shows only an icon and has no text alternative`,
        fix: 'add alternative-text="{label}" (a custom label saying what the control does); title adds a tooltip'
      });
    }
    if (tag === 'button' && !NAME_ATTRIBUTES.some((a) => hasValue(attrs, a))) {
      const end = code.indexOf('</button>', m.index);
      const inner = end < 0 ? '' : code.slice(m.index + m[0].length, end);
      if (inner.replace(/<[^>]*>/g, '').trim() === '') {
        issues.push({
          file: template,
          line: lineOf(source, m.index),
          message: '<button> has no text content and no aria-label or title',
          fix: 'give the button visible text, or aria-label="{label}" when it shows only an icon'
        });
      }
    }
  }
}

/** Literal colours ignore the org's theme and dark mode; SLDS classes and styling hooks follow them. */
function checkColors(file: string, issues: Issue[]): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, index) => {
    const literal = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(/i.exec(text.replace(/\/\*.*?\*\//g, ''));
    if (literal) {
      issues.push({
        file,
        line: index + 1,
        message: `literal colour ${literal[0]} does not follow the theme or dark mode`,
        fix: 'use an SLDS utility class or a styling hook such as var(--slds-g-color-neutral-base-100)'
      });
    }
  });
}

export function checkAccessibility(projectDir: string): CheckResult {
  const issues: Issue[] = [];
  const bundles = lwcBundles(projectDir);
  let suites = 0;
  let templates = 0;
  for (const bundle of bundles) {
    const name = bundle.split(/[\\/]/).pop() ?? '';
    suites += checkSuites(bundle, name, issues);
    for (const file of readdirSync(bundle).filter((f) => f.endsWith('.html'))) {
      templates++;
      checkTemplate(join(bundle, file), issues);
    }
    for (const file of readdirSync(bundle).filter((f) => f.endsWith('.css'))) checkColors(join(bundle, file), issues);
  }
  return {
    name: 'accessibility',
    issues,
    checked: `${bundles.length} LWC bundles, ${templates} templates, ${suites} jest suites`
  };
}

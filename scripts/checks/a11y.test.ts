import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkAccessibility } from './a11y.ts';

const LWC = 'force-app/main/default/lwc';
const META = '<?xml version="1.0" encoding="UTF-8"?><LightningComponentBundle/>';
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const SUITE = `import { createElement } from 'lwc';
import Card from 'c/card';

describe('c-card', () => {
  it('is accessible', async () => {
    const element = createElement('c-card', { is: Card });
    document.body.appendChild(element);
    // expect(element).toBeAccessible() in a comment does not count
    await expect(element).toBeAccessible();
  });
});
`;

/** An accessible card and a service module without a template; each test breaks one thing. */
const CLEAN: Record<string, string> = {
  'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }),
  [`${LWC}/card/card.js-meta.xml`]: META,
  [`${LWC}/card/card.js`]:
    "import { LightningElement } from 'lwc';\nexport default class Card extends LightningElement {}\n",
  [`${LWC}/card/card.html`]: `<template>
    <!-- <lightning-button-icon icon-name="utility:close"></lightning-button-icon> -->
    <lightning-button-icon icon-name="utility:refresh" alternative-text={labels.refresh} onclick={refresh}></lightning-button-icon>
    <lightning-button label={labels.stop} icon-name="utility:stop"></lightning-button>
    <lightning-button icon-name="utility:delete" title={labels.remove}></lightning-button>
    <lightning-button-menu label={labels.more}></lightning-button-menu>
    <button class="slds-button" onclick={open}>{labels.open}</button>
    <button class="slds-button slds-button_icon" aria-label={labels.close}><lightning-icon icon-name="utility:close"></lightning-icon></button>
</template>
`,
  [`${LWC}/card/__tests__/card.test.js`]: SUITE,
  [`${LWC}/formatUtils/formatUtils.js-meta.xml`]: META,
  [`${LWC}/formatUtils/formatUtils.js`]: 'export const format = (v) => String(v);\n',
  [`${LWC}/formatUtils/__tests__/formatUtils.test.js`]:
    "import { format } from 'c/formatUtils';\nit('formats', () => expect(format(1)).toBe('1'));\n"
};

function project(changes: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'a11y-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries({ ...CLEAN, ...changes })) {
    if (text === null) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function issuesOf(dir: string): string[] {
  return checkAccessibility(dir).issues.map((i) => `${i.file.slice(dir.length + 1)}:${i.line}: ${i.message}`);
}

describe('accessibility check', () => {
  it('passes accessible templates and suites; service modules need no sa11y assertion', () => {
    const dir = project();
    const result = checkAccessibility(dir);
    assert.deepEqual(result.issues, []);
    assert.equal(result.checked, '2 LWC bundles, 1 templates, 1 jest suites');
  });

  it('fails a literal colour in component CSS, but not a styling hook', () => {
    const css = '.ok {\n  color: var(--slds-g-color-neutral-base-10);\n}\n.bad {\n  background: #ff0000;\n}\n';
    assert.deepEqual(issuesOf(project({ [`${LWC}/card/card.css`]: css })), [
      `${LWC}/card/card.css:5: literal colour #ff0000 does not follow the theme or dark mode`
    ]);
  });

  it('fails a suite without a toBeAccessible() assertion', () => {
    const suite = SUITE.replace('await expect(element).toBeAccessible();', 'expect(element).toBeTruthy();');
    assert.deepEqual(issuesOf(project({ [`${LWC}/card/__tests__/card.test.js`]: suite })), [
      `${LWC}/card/__tests__/card.test.js:1: LWC test suite for card has no toBeAccessible() assertion`
    ]);
  });

  it('fails a toBeAccessible() that is not awaited, and does not count .not.toBeAccessible()', () => {
    const suite = SUITE.replace('await expect(element).toBeAccessible();', 'expect(element).toBeAccessible();');
    assert.deepEqual(issuesOf(project({ [`${LWC}/card/__tests__/card.test.js`]: suite })), [
      `${LWC}/card/__tests__/card.test.js:9: toBeAccessible() is not awaited: the test ends before the accessibility scan can fail it`
    ]);
    const negated = SUITE.replace(
      'await expect(element).toBeAccessible()',
      'await expect(element).not.toBeAccessible()'
    );
    assert.match(
      issuesOf(project({ [`${LWC}/card/__tests__/card.test.js`]: negated })).join('\n'),
      /has no toBeAccessible\(\) assertion/
    );
  });

  it('fails a component with a template but no jest suite', () => {
    assert.deepEqual(issuesOf(project({ [`${LWC}/card/__tests__/card.test.js`]: null })), [
      `${LWC}/card/card.html:1: component card has no jest suite, so nothing asserts that it is accessible`
    ]);
  });

  it('fails icon-only controls without a text alternative, with their line', () => {
    const template = `<template>
    <lightning-button-icon icon-name="utility:refresh" onclick={refresh}></lightning-button-icon>
    <lightning-button-icon
        icon-name="utility:close"
        alternative-text=""
    ></lightning-button-icon>
    <lightning-button icon-name="utility:delete" onclick={remove}></lightning-button>
    <lightning-button-menu icon-name="utility:down"></lightning-button-menu>
    <lightning-avatar src={photo}></lightning-avatar>
    <button class="slds-button slds-button_icon"><lightning-icon icon-name="utility:close"></lightning-icon></button>
</template>
`;
    const issues = issuesOf(project({ [`${LWC}/card/card.html`]: template }));
    assert.deepEqual(
      issues.map((i) => i.replace(/^.*card\.html:(\d+): <([\w-]+)>.*$/, '$1 $2')),
      [
        '2 lightning-button-icon',
        '3 lightning-button-icon',
        '7 lightning-button',
        '8 lightning-button-menu',
        '9 lightning-avatar',
        '10 button'
      ]
    );
  });
});

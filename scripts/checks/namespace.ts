import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { walk } from './lib/files.ts';
import type { CheckResult, Issue } from './lib/issue.ts';
import { EXPRESSION, lineOf, scanSource, type SourceKind } from './lib/source-scan.ts';

/**
 * Namespace safety: the package is built with a namespace (2GP managed) but developed without one, so
 * source must never spell a namespace out nor rely on there being none. Flags, in Apex, LWC and the
 * TypeScript tooling: hard-coded namespaced names, `c__` names, Apex REST paths written as literals,
 * `Type.forName('ns.…')`, `'c:…'` component references, describe lookups by a literal package name and
 * string-built SOQL naming package objects or fields. A line (or the line above it) carrying the comment
 * `namespace-safe: <reason>` is exempt, for tests that need sample names.
 */

/** Directories of TypeScript tooling that are scanned, relative to the project. */
const TOOLING_DIRS = ['scripts', 'preview'];
/** Tooling that is not shipped or talks about the rules themselves. */
const TOOLING_SKIP = [/(^|\/)scripts\/checks\//, /(^|\/)fixtures\//, /\.test\.ts$/, /(^|\/)preview\/dist\//];
const SUPPRESS = /namespace-safe:/;

interface ProjectConfig {
  namespace: string;
  packageDirs: string[];
}

interface Rule {
  message: string;
  fix: string;
}

function readProject(projectDir: string): ProjectConfig {
  const file = join(projectDir, 'sfdx-project.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    namespace?: string;
    packageDirectories?: { path: string }[];
  };
  return {
    namespace: (json.namespace ?? '').trim(),
    packageDirs: (json.packageDirectories ?? []).map((d) => d.path)
  };
}

/** Custom objects, fields, custom metadata types and events the package defines (unqualified API names). */
function packageNames(projectDir: string, packageDirs: string[]): Set<string> {
  const names = new Set<string>();
  for (const dir of packageDirs) {
    for (const file of walk(join(projectDir, dir), (p) => /\/objects\/[^/]+\//.test(p.split(sep).join('/')))) {
      const parts = file.split(sep);
      const objectsAt = parts.lastIndexOf('objects');
      const object = parts[objectsAt + 1] ?? '';
      if (/__(c|mdt|e|b|x)$/.test(object)) names.add(object.toLowerCase());
      if (parts[objectsAt + 2] === 'fields') {
        const field = basename(file).replace(/\.field-meta\.xml$/, '');
        if (/__c$/.test(field)) names.add(field.toLowerCase());
      }
    }
  }
  return names;
}

function sourceFiles(
  projectDir: string,
  packageDirs: string[]
): { file: string; kind: SourceKind; tooling: boolean }[] {
  const out: { file: string; kind: SourceKind; tooling: boolean }[] = [];
  for (const dir of packageDirs) {
    for (const file of walk(join(projectDir, dir))) {
      const posix = file.split(sep).join('/');
      if (/\.(cls|trigger)$/.test(posix)) out.push({ file, kind: 'apex', tooling: false });
      else if (/\/lwc\/.+\.js$/.test(posix)) out.push({ file, kind: 'js', tooling: false });
      else if (/\/lwc\/.+\.html$/.test(posix)) out.push({ file, kind: 'html', tooling: false });
    }
  }
  for (const dir of TOOLING_DIRS) {
    for (const file of walk(join(projectDir, dir), (p) => /\.(ts|js|mjs)$/.test(p))) {
      const rel = relative(projectDir, file).split(sep).join('/');
      if (!TOOLING_SKIP.some((skip) => skip.test(rel))) out.push({ file, kind: 'js', tooling: true });
    }
  }
  return out;
}

const QUALIFY_FIX_APEX =
  "write the unqualified name (Thing__c) or build it with ConnectorNamespace.qualify('Thing__c')";
const QUALIFY_FIX_TOOLING = "build the name from the org's namespace at run time (`${ns ? ns + '__' : ''}Thing__c`)";

/** Names with a namespace in front: ns__Thing__c, ns__Field__c, ns__Event__e. */
const NAMESPACED_NAME = /\b([A-Za-z][A-Za-z0-9]*)__([A-Za-z](?:[A-Za-z0-9]|_(?!_))*)__(c|mdt|e|r|x|b|share)\b/g;
const C_PREFIX = /\bc__[A-Za-z]\w*/g;
const APEX_REST_LITERAL = /\/services\/apexrest\/[A-Za-z]/;
const TYPE_FOR_NAME = /\bType\s*\.\s*forName\s*\(\s*'([A-Za-z]\w*)(?:\.[A-Za-z]|'\s*,)/gi;
const LWC_NAMESPACED_IMPORT =
  /@salesforce\/(?:apex\/\w+\.\w+\.\w+|label\/(?!c\.)\w+\.\w+|(?:customPermission|resourceUrl|contentAssetUrl)\/\w+__\w+)/g;
const OWN_NAME_CANDIDATE = new RegExp(
  `(?<![A-Za-z0-9_${EXPRESSION}])([A-Za-z][A-Za-z0-9_]*?__(?:c|mdt|e|b|x))\\b`,
  'g'
);
const SOQL_WORDS = /\b(select|from|where|order\s+by|group\s+by)\b/i;
const DESCRIBE_CALL =
  /(getGlobalDescribe\s*\(\s*\)\s*\.\s*(?:get|containsKey)|getMap\s*\(\s*\)\s*\.\s*(?:get|containsKey)|describeSObjects|Type\s*\.\s*forName|getSObjectType)\s*\(\s*(?:new\s+(?:List|Set)\s*<\s*String\s*>\s*\{\s*(?:'[^']*'\s*,\s*)*)?$/i;

export function checkNamespaceSafety(projectDir: string): CheckResult {
  const issues: Issue[] = [];
  if (!existsSync(join(projectDir, 'sfdx-project.json'))) {
    return {
      name: 'namespace safety',
      issues: [
        {
          file: join(projectDir, 'sfdx-project.json'),
          line: 1,
          message: 'no sfdx-project.json',
          fix: 'run the check from the project root'
        }
      ],
      checked: '0 files'
    };
  }
  const { namespace, packageDirs } = readProject(projectDir);
  const ownNames = packageNames(projectDir, packageDirs);
  const files = sourceFiles(projectDir, packageDirs);

  for (const { file, kind, tooling } of files) {
    const source = readFileSync(file, 'utf8');
    const lines = source.split('\n');
    const { code, strings } = scanSource(source, kind);
    const seen = new Set<string>();
    const report = (index: number, rule: Rule) => {
      const line = lineOf(source, index);
      const key = `${line}:${rule.message}`;
      if (seen.has(key)) return;
      if (SUPPRESS.test(lines[line - 1] ?? '') || /^\s*(\/\/|\/\*|\*).*namespace-safe:/.test(lines[line - 2] ?? '')) {
        return;
      }
      seen.add(key);
      issues.push({ file, line, ...rule });
    };
    const qualifyFix = tooling ? QUALIFY_FIX_TOOLING : QUALIFY_FIX_APEX;

    for (const m of code.matchAll(NAMESPACED_NAME)) {
      if (m[1]?.toLowerCase() === 'c') continue; // reported as a c__ name below
      report(m.index, {
        message: `hard-coded namespace "${m[1]}" in ${m[0]}`,
        fix: `${qualifyFix}; the platform adds the package namespace`
      });
    }
    for (const m of code.matchAll(C_PREFIX)) {
      report(m.index, {
        message: `"${m[0]}" assumes the default namespace c, which the packaged component does not have`,
        fix: `${qualifyFix}; for navigation use the tab's API name (standard__navItemPage) instead of a c__ name`
      });
    }
    if (namespace) {
      const own = new RegExp(`(?:\\b${namespace}__[A-Za-z]|['"\`]${namespace}\\.[A-Za-z]|/${namespace}/)`, 'g');
      for (const m of code.matchAll(own)) {
        report(m.index, {
          message: `hard-coded package namespace "${namespace}"`,
          fix: `${qualifyFix}; the namespace comes from sfdx-project.json at build time and must not be written in source`
        });
      }
    }
    if (kind === 'apex') {
      for (const m of code.matchAll(TYPE_FOR_NAME)) {
        report(m.index, {
          message: `Type.forName names the namespace "${m[1]}" literally`,
          fix: "use ConnectorNamespace.classType('ClassName') (or Type.forName(ConnectorNamespace.prefix(), 'ClassName'))"
        });
      }
    }
    if (kind === 'js') {
      for (const m of code.matchAll(LWC_NAMESPACED_IMPORT)) {
        report(m.index, {
          message: `import ${m[0]} names a namespace`,
          fix: 'import package resources without a namespace (@salesforce/apex/Class.method, @salesforce/label/c.Name)'
        });
      }
    }

    for (const literal of strings) {
      const text = literal.text;
      if (APEX_REST_LITERAL.test(text)) {
        report(literal.start, {
          message: `Apex REST path written as a literal ("${text.slice(0, 60)}"): in a packaged org the path starts with the namespace`,
          fix: tooling
            ? "build it as `/services/apexrest/${ns ? ns + '/' : ''}connector/v1/…` with the org's namespace"
            : "build it with ConnectorNamespace.restPath('connector/v1/…'), also for RestRequest.requestURI in tests"
        });
      }
      if (/^c:[A-Za-z]/.test(text)) {
        report(literal.start, {
          message: `component reference '${text}' assumes the default namespace c`,
          fix: 'reference components in markup (<c-admin-home>) or build the name with the namespace (ns || "c") + ":adminHome"'
        });
      }
      const ownNameInText = (): string | undefined => {
        // A name right after an interpolation (`${prefix}Thing__c`) is already qualified at run time.
        for (const m of text.matchAll(OWN_NAME_CANDIDATE)) {
          if (ownNames.has((m[1] ?? '').toLowerCase())) return m[1];
        }
        return undefined;
      };
      if (kind !== 'html' && SOQL_WORDS.test(text)) {
        const name = ownNameInText();
        if (name) {
          report(literal.start, {
            message: `string-built SOQL names the package's ${name} without its namespace`,
            fix: tooling
              ? "qualify package names with the org's namespace when building the query"
              : `prefer static SOQL with binds ([SELECT … FROM ${name}]); a built query names package objects and fields through ConnectorNamespace.qualify('${name}'), or the line says why it is safe (// namespace-safe: <reason>)`
          });
        }
      }
      if (tooling && /\/sobjects\/[A-Za-z]/.test(text)) {
        const name = ownNameInText();
        if (name) {
          report(literal.start, {
            message: `REST sObject path names the package's ${name} without its namespace`,
            fix: "qualify the object with the org's namespace (`${ns ? ns + '__' : ''}" + name + '`)'
          });
        }
      }
      if (kind === 'apex' && ownNames.has(text.toLowerCase())) {
        const window = code.slice(Math.max(0, literal.start - 200), literal.start);
        const before = window.slice(window.lastIndexOf(';') + 1);
        if (DESCRIBE_CALL.test(before)) {
          report(literal.start, {
            message: `describe lookup by the literal name '${text}': describe keys carry the namespace in a packaged org`,
            fix: `use the schema token (Thing__c.SObjectType, Thing__c.Field__c) or ConnectorNamespace.qualify('${text}')`
          });
        }
      }
    }
  }
  return { name: 'namespace safety', issues, checked: `${files.length} Apex, LWC and tooling files` };
}

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CheckResult, Issue } from './lib/issue.ts';
import { walk } from './lib/files.ts';
import { hasLoneQuote } from '../lib/message-format.ts';
import { childText, childrenNamed, parseXml, type XmlElement } from './lib/xml.ts';

/**
 * Names that must resolve between files, which no single-file check sees: LWC imports of Apex methods,
 * labels, custom permissions and child components; permission sets, tabs, apps, FlexiPages and custom
 * metadata records naming classes, objects, fields, tabs and components.
 */
interface Project {
  root: string;
  base: string;
  classes: Map<string, string>; // lower-case name -> source
  labels: Set<string>;
  customPermissions: Set<string>;
  objects: Set<string>; // lower-case API names of objects defined in source
  fields: Map<string, XmlElement>; // lower-case Object.Field -> field XML
  components: Map<string, XmlElement>; // LWC name -> js-meta root
  tabs: Set<string>;
  apps: Set<string>;
  flexipages: Set<string>;
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

function readXml(file: string): XmlElement | undefined {
  try {
    return parseXml(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // the schema check reports malformed XML
  }
}

function load(projectDir: string, packageDir: string): Project {
  const base = join(projectDir, packageDir, 'main', 'default');
  const nameOf = (file: string, suffix: string) => basename(file).slice(0, -suffix.length);
  const project: Project = {
    root: projectDir,
    base,
    classes: new Map(),
    labels: new Set(),
    customPermissions: new Set(),
    objects: new Set(),
    fields: new Map(),
    components: new Map(),
    tabs: new Set(),
    apps: new Set(),
    flexipages: new Set()
  };
  for (const file of walk(join(base, 'classes'), (p) => p.endsWith('.cls'))) {
    project.classes.set(nameOf(file, '.cls').toLowerCase(), readFileSync(file, 'utf8'));
  }
  for (const file of walk(join(base, 'labels'), (p) => p.endsWith('.labels-meta.xml'))) {
    const root = readXml(file);
    for (const label of root ? childrenNamed(root, 'labels') : [])
      project.labels.add(childText(label, 'fullName') ?? '');
  }
  for (const file of walk(join(base, 'customPermissions'), (p) => p.endsWith('.customPermission-meta.xml'))) {
    project.customPermissions.add(nameOf(file, '.customPermission-meta.xml'));
  }
  for (const file of walk(join(base, 'objects'), (p) => p.endsWith('.object-meta.xml'))) {
    project.objects.add(nameOf(file, '.object-meta.xml').toLowerCase());
  }
  for (const file of walk(join(base, 'objects'), (p) => p.endsWith('.field-meta.xml'))) {
    const object = basename(join(file, '..', '..'));
    const root = readXml(file);
    if (root) project.fields.set(`${object}.${nameOf(file, '.field-meta.xml')}`.toLowerCase(), root);
  }
  for (const file of walk(join(base, 'lwc'), (p) => p.endsWith('.js-meta.xml'))) {
    const root = readXml(file);
    if (root) project.components.set(nameOf(file, '.js-meta.xml'), root);
  }
  for (const file of walk(join(base, 'tabs'), (p) => p.endsWith('.tab-meta.xml')))
    project.tabs.add(nameOf(file, '.tab-meta.xml'));
  for (const file of walk(join(base, 'applications'), (p) => p.endsWith('.app-meta.xml')))
    project.apps.add(nameOf(file, '.app-meta.xml'));
  for (const file of walk(join(base, 'flexipages'), (p) => p.endsWith('.flexipage-meta.xml'))) {
    project.flexipages.add(nameOf(file, '.flexipage-meta.xml'));
  }
  return project;
}

/** Static methods annotated @AuraEnabled, lower-cased (Apex names are case-insensitive). */
function auraMethods(source: string): Set<string> {
  const methods = new Set<string>();
  const pattern =
    /@AuraEnabled\b(?:\s*\([^)]*\))?\s+((?:(?:public|global|private|protected|static|override|virtual)\s+)+)[\w<>,.\s[\]]+?\s+(\w+)\s*\(/gi;
  for (const m of source.matchAll(pattern)) {
    if (/\bstatic\b/i.test(m[1] ?? '')) methods.add((m[2] ?? '').toLowerCase());
  }
  return methods;
}

function kebabToCamel(tag: string): string {
  return tag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function checkLwc(project: Project, issues: Issue[]): number {
  const files = walk(join(project.base, 'lwc'), (p) => /\.(js|html)$/.test(p));
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (file.endsWith('.html')) {
      for (const m of source.matchAll(/<c-([a-z0-9-]+)/g)) {
        const name = kebabToCamel(m[1] ?? '');
        if (!project.components.has(name)) {
          issues.push({
            file,
            line: lineOf(source, m.index ?? 0),
            message: `<c-${m[1]}> names no LWC (expected lwc/${name})`,
            fix: `create lwc/${name} or fix the tag`
          });
        }
      }
      continue;
    }
    for (const m of source.matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? '';
      const line = lineOf(source, m.index ?? 0);
      const apex = /^@salesforce\/apex\/(?:\w+\.)?(\w+)\.(\w+)$/.exec(spec);
      if (apex) {
        const [, cls = '', method = ''] = apex;
        const body = project.classes.get(cls.toLowerCase());
        if (!body) {
          issues.push({
            file,
            line,
            message: `imports Apex class ${cls}, which is not in force-app`,
            fix: `create classes/${cls}.cls or fix the import`
          });
        } else if (!auraMethods(body).has(method.toLowerCase())) {
          issues.push({
            file,
            line,
            message: `imports ${cls}.${method}, which is not a static @AuraEnabled method`,
            fix: `add @AuraEnabled static ${method}(...) to ${cls} or fix the import`
          });
        }
        continue;
      }
      const label = /^@salesforce\/label\/c\.(\w+)$/.exec(spec);
      if (label) {
        if (!project.labels.has(label[1] ?? '')) {
          issues.push({
            file,
            line,
            message: `imports label c.${label[1]}, which is not in CustomLabels`,
            fix: `add <labels><fullName>${label[1]}</fullName>… to labels/CustomLabels.labels-meta.xml`
          });
        }
        continue;
      }
      const permission = /^@salesforce\/customPermission\/(?:\w+__)?(\w+)$/.exec(spec);
      if (permission) {
        if (!project.customPermissions.has(permission[1] ?? '')) {
          issues.push({
            file,
            line,
            message: `imports custom permission ${permission[1]}, which is not in force-app`,
            fix: `create customPermissions/${permission[1]}.customPermission-meta.xml`
          });
        }
        continue;
      }
      const schemaRef = /^@salesforce\/schema\/(\w+)\.(\w+)$/.exec(spec);
      if (schemaRef && /__c$/i.test(schemaRef[2] ?? '')) {
        if (!project.fields.has(`${schemaRef[1]}.${schemaRef[2]}`.toLowerCase())) {
          issues.push({
            file,
            line,
            message: `imports field ${schemaRef[1]}.${schemaRef[2]}, which is not in force-app`,
            fix: 'create the field or fix the import'
          });
        }
        continue;
      }
      const child = /^c\/(\w+)$/.exec(spec);
      if (child && !project.components.has(child[1] ?? '')) {
        issues.push({
          file,
          line,
          message: `imports c/${child[1]}, which is not an LWC in force-app`,
          fix: `create lwc/${child[1]} or fix the import`
        });
      }
    }
  }
  return files.length;
}

const STANDARD_OBJECT_HINT =
  'managed packages cannot carry standard-object or system permissions (they are dropped on install); grant them through the org-local permission set that provisioning creates';

function checkPermissionSets(project: Project, issues: Issue[]): number {
  const files = walk(join(project.base, 'permissionsets'), (p) => p.endsWith('.permissionset-meta.xml'));
  for (const file of files) {
    const root = readXml(file);
    if (!root) continue;
    for (const child of root.children) {
      const value = (name: string) => childText(child, name) ?? '';
      const report = (message: string, fix: string) => issues.push({ file, line: child.line, message, fix });
      switch (child.name) {
        case 'classAccesses':
          if (!project.classes.has(value('apexClass').toLowerCase())) {
            report(
              `class ${value('apexClass')} is not in force-app`,
              'remove the classAccesses entry or create the class'
            );
          }
          break;
        case 'fieldPermissions': {
          const field = project.fields.get(value('field').toLowerCase());
          if (!field) {
            report(
              `field ${value('field')} is not in force-app`,
              'remove the fieldPermissions entry or create the field'
            );
          } else if (childText(field, 'required') === 'true' || childText(field, 'type') === 'MasterDetail') {
            report(
              `field ${value('field')} is required or master-detail: it cannot have field permissions`,
              'remove this fieldPermissions entry'
            );
          }
          break;
        }
        case 'objectPermissions': {
          const object = value('object');
          // Custom objects (__c) and platform events (__e) of the package may be granted; standard objects may not.
          if (!/__(c|e)$/i.test(object)) {
            report(`object permissions on standard object ${object}`, STANDARD_OBJECT_HINT);
          } else if (!project.objects.has(object.toLowerCase())) {
            report(`object ${object} is not in force-app`, 'remove the objectPermissions entry or create the object');
          }
          break;
        }
        // platform-rule: packaged-permission-set-no-standard-or-user-permissions — dropped or refused in a package.
        case 'userPermissions':
          report(`system permission ${value('name')} in a packaged permission set`, STANDARD_OBJECT_HINT);
          break;
        case 'tabSettings': {
          const tab = value('tab');
          if (!tab.startsWith('standard-') && !project.tabs.has(tab)) {
            report(`tab ${tab} is not in force-app`, 'remove the tabSettings entry or create the tab');
          }
          break;
        }
        case 'applicationVisibilities':
          if (!project.apps.has(value('application'))) {
            report(`application ${value('application')} is not in force-app`, 'remove the entry or create the app');
          }
          break;
        case 'customPermissions':
          if (!project.customPermissions.has(value('name'))) {
            report(
              `custom permission ${value('name')} is not in force-app`,
              'remove the entry or create the custom permission'
            );
          }
          break;
        case 'customMetadataTypeAccesses':
        case 'customSettingAccesses':
          if (!project.objects.has(value('name').toLowerCase())) {
            report(`${value('name')} is not in force-app`, 'remove the entry or create the type');
          }
          break;
      }
    }
  }
  return files.length;
}

function checkUi(project: Project, issues: Issue[]): number {
  let count = 0;
  for (const file of walk(join(project.base, 'flexipages'), (p) => p.endsWith('.flexipage-meta.xml'))) {
    count++;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/<componentName>\s*([^<]+?)\s*<\/componentName>/g)) {
      const value = m[1] ?? '';
      if (value.includes(':') && !value.startsWith('c:')) continue; // standard components such as flexipage:richText
      const name = value.replace(/^c:/, '');
      const meta = project.components.get(name);
      if (!meta) {
        issues.push({
          file,
          line: lineOf(source, m.index ?? 0),
          message: `component ${name} is not an LWC in force-app`,
          fix: `create lwc/${name} or fix componentName`
        });
      } else if (childText(meta, 'isExposed') !== 'true') {
        issues.push({
          file,
          line: lineOf(source, m.index ?? 0),
          message: `component ${name} is not exposed`,
          fix: `set <isExposed>true</isExposed> in lwc/${name}/${name}.js-meta.xml`
        });
      }
    }
  }
  for (const file of walk(join(project.base, 'tabs'), (p) => p.endsWith('.tab-meta.xml'))) {
    count++;
    const root = readXml(file);
    const page = root && childText(root, 'flexiPage');
    if (page && !project.flexipages.has(page)) {
      issues.push({
        file,
        line: root.line,
        message: `FlexiPage ${page} is not in force-app`,
        fix: `create flexipages/${page}.flexipage-meta.xml`
      });
    }
  }
  for (const file of walk(join(project.base, 'applications'), (p) => p.endsWith('.app-meta.xml'))) {
    count++;
    const root = readXml(file);
    for (const tab of root ? childrenNamed(root, 'tabs') : []) {
      const name = tab.text.trim();
      if (!name.startsWith('standard-') && !project.tabs.has(name)) {
        issues.push({
          file,
          line: tab.line,
          message: `tab ${name} is not in force-app`,
          fix: 'create the tab or remove it from the app'
        });
      }
    }
  }
  return count;
}

function checkCustomMetadataRecords(project: Project, issues: Issue[]): number {
  const files = walk(join(project.base, 'customMetadata'), (p) => p.endsWith('.md-meta.xml'));
  for (const file of files) {
    const type = basename(file).split('.')[0] ?? '';
    const object = `${type}__mdt`;
    if (!project.objects.has(object.toLowerCase())) {
      issues.push({
        file,
        line: 1,
        message: `custom metadata type ${object} is not in force-app`,
        fix: `create objects/${object}`
      });
      continue;
    }
    const root = readXml(file);
    for (const values of root ? childrenNamed(root, 'values') : []) {
      const fieldName = childText(values, 'field') ?? '';
      const field = project.fields.get(`${object}.${fieldName}`.toLowerCase());
      if (!field) {
        issues.push({
          file,
          line: values.line,
          message: `${object} has no field ${fieldName}`,
          fix: `create objects/${object}/fields/${fieldName}.field-meta.xml or fix the record`
        });
        continue;
      }
      const value = values.children.find((c) => c.name === 'value');
      const text = value?.text.trim() ?? '';
      if (childText(field, 'type') === 'Picklist' && value?.attributes['xsi:nil'] !== 'true') {
        const allowed = [...field.children.flatMap((c) => (c.name === 'valueSet' ? [c] : []))]
          .flatMap((vs) => childrenNamed(vs, 'valueSetDefinition'))
          .flatMap((d) => childrenNamed(d, 'value'))
          .map((v) => childText(v, 'fullName') ?? '');
        if (!allowed.includes(text)) {
          issues.push({
            file,
            line: values.line,
            message: `"${text}" is not a value of picklist ${object}.${fieldName}`,
            fix: `use one of: ${allowed.join(', ')}`
          });
        }
      }
      if (type === 'ConnectorJob' && fieldName === 'ApexClass__c') {
        const body = project.classes.get(text.toLowerCase());
        if (!body) {
          issues.push({
            file,
            line: values.line,
            message: `job class ${text} is not in force-app`,
            fix: `create classes/${text}.cls implementing Schedulable`
          });
        } else if (!/implements\s+[^{]*\bSchedulable\b/i.test(body)) {
          issues.push({
            file,
            line: values.line,
            message: `job class ${text} does not implement Schedulable`,
            fix: `make ${text} implement Schedulable`
          });
        }
      }
    }
  }
  return files.length;
}

/** Union merges of the labels file can repeat a label; the Metadata API rejects the whole file then. */
function checkDuplicateLabels(project: Project, issues: Issue[]): number {
  const files = walk(join(project.base, 'labels'), (p) => p.endsWith('.labels-meta.xml'));
  for (const file of files) {
    const root = readXml(file);
    const seen = new Set<string>();
    for (const label of root ? childrenNamed(root, 'labels') : []) {
      const name = childText(label, 'fullName') ?? '';
      if (seen.has(name)) {
        issues.push({
          file,
          line: label.line,
          message: `label ${name} is defined twice`,
          fix: 'keep one <labels> entry per name'
        });
      }
      seen.add(name);
    }
  }
  return files.length;
}

/** The first argument of every String.format(...) call in an Apex source (the pattern expression). */
function formatPatterns(source: string): string[] {
  const patterns: string[] = [];
  for (const m of source.matchAll(/\bString\s*\.\s*format\s*\(/gi)) {
    let depth = 0;
    let end = (m.index ?? 0) + m[0].length;
    const start = end;
    for (; end < source.length; end++) {
      const ch = source[end];
      if (ch === '(' || ch === '{' || ch === '[') depth++;
      else if (ch === ')' || ch === '}' || ch === ']') {
        if (depth === 0) break;
        depth--;
      } else if (ch === ',' && depth === 0) break;
    }
    patterns.push(source.slice(start, end));
  }
  return patterns;
}

const APEX_LABEL = /\b(?:System\s*\.\s*)?Label\s*\.\s*(\w+)/g;

/**
 * platform-rule: string-format-messageformat-quotes — String.format reads its pattern as a Java MessageFormat: a
 * lone ' in a label opens a quoted section, so the apostrophe vanishes and later {n} stay unreplaced. A label is a
 * format pattern when Apex names it inside String.format(...) or when it holds {n} and Apex reads it (Apex fills
 * placeholders only through String.format, possibly through a helper's parameter). LWC's formatLabel does not
 * unquote, so a doubled '' in a label the LWC imports would show as ''.
 */
function checkFormatLabels(project: Project, issues: Issue[]): number {
  const files = walk(join(project.base, 'labels'), (p) => p.endsWith('.labels-meta.xml'));
  const labels = new Map<string, { file: string; line: number; value: string }>();
  for (const file of files) {
    const root = readXml(file);
    for (const label of root ? childrenNamed(root, 'labels') : []) {
      const value = label.children.find((c) => c.name === 'value');
      labels.set(childText(label, 'fullName') ?? '', {
        file,
        line: value?.line ?? label.line,
        value: value?.text ?? ''
      });
    }
  }
  const patterns = new Set<string>();
  for (const source of project.classes.values()) {
    for (const pattern of formatPatterns(source)) {
      for (const m of pattern.matchAll(APEX_LABEL)) patterns.add(m[1] ?? '');
    }
    for (const m of source.matchAll(APEX_LABEL)) {
      const name = m[1] ?? '';
      if (/\{\d+\}/.test(labels.get(name)?.value ?? '')) patterns.add(name);
    }
  }
  const lwcLabels = new Map<string, { file: string; line: number }>();
  for (const file of walk(join(project.base, 'lwc'), (p) => p.endsWith('.js') && !p.includes('__tests__'))) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/@salesforce\/label\/c\.(\w+)/g)) {
      lwcLabels.set(m[1] ?? '', { file, line: lineOf(source, m.index ?? 0) });
    }
  }
  for (const name of [...patterns].sort()) {
    const label = labels.get(name);
    if (!label) continue;
    if (hasLoneQuote(label.value)) {
      issues.push({
        file: label.file,
        line: label.line,
        message: `label ${name} is a String.format pattern with a lone ': MessageFormat drops it and quotes the rest`,
        fix: `write '' for each apostrophe in ${name} (String.format shows one ')`
      });
    }
    const lwc = lwcLabels.get(name);
    if (lwc && label.value.includes("''")) {
      issues.push({
        file: lwc.file,
        line: lwc.line,
        message: `imports label c.${name}, whose '' (doubled for String.format) the LWC would show as is`,
        fix: `give the LWC its own label without '', or avoid the apostrophe`
      });
    }
  }
  return files.length;
}

interface PackageDirectory {
  path: string;
  package?: string;
  unpackagedMetadata?: { path: string };
}

/**
 * Apex that reads a static resource by name (SOQL on StaticResource, PageReference.forResource) in any package
 * directory of sfdx-project.json names one that exists; packaged Apex never names one that only an unpackaged
 * directory holds (it would not exist in a subscriber org).
 */
function checkStaticResources(projectDir: string, issues: Issue[]): number {
  const projectFile = join(projectDir, 'sfdx-project.json');
  if (!existsSync(projectFile)) return 0;
  const dirs =
    (JSON.parse(readFileSync(projectFile, 'utf8')) as { packageDirectories?: PackageDirectory[] }).packageDirectories ??
    [];
  const unpackaged = new Set(dirs.flatMap((d) => (d.unpackagedMetadata ? [d.unpackagedMetadata.path] : [])));
  const resources = new Map<string, string>(); // lower-case name -> directory
  for (const dir of dirs) {
    for (const file of walk(join(projectDir, dir.path), (p) => p.endsWith('.resource-meta.xml'))) {
      resources.set(basename(file).slice(0, -'.resource-meta.xml'.length).toLowerCase(), dir.path);
    }
  }
  let count = 0;
  const reference = /FROM\s+StaticResource\s+WHERE\s+Name\s*=\s*'(\w+)'|PageReference\.forResource\(\s*'(\w+)'/gi;
  for (const dir of dirs) {
    for (const file of walk(join(projectDir, dir.path), (p) => /\.(cls|trigger)$/.test(p))) {
      count++;
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(reference)) {
        const name = m[1] ?? m[2] ?? '';
        const home = resources.get(name.toLowerCase());
        if (home === undefined) {
          issues.push({
            file,
            line: lineOf(source, m.index),
            message: `reads static resource ${name}, which no package directory holds`,
            fix: 'add its .resource-meta.xml and content, or correct the name'
          });
        } else if (!unpackaged.has(dir.path) && unpackaged.has(home)) {
          issues.push({
            file,
            line: lineOf(source, m.index),
            message: `packaged Apex reads static resource ${name}, which only the unpackaged directory ${home} holds`,
            fix: `move the class to ${home} too: unpackaged metadata is never installed in a subscriber org`
          });
        }
      }
    }
  }
  return count;
}

export function checkCrossReferences(projectDir: string, packageDir = 'force-app'): CheckResult {
  const project = load(projectDir, packageDir);
  const issues: Issue[] = [];
  if (!existsSync(project.base)) {
    return {
      name: 'cross-references',
      issues: [{ file: project.base, line: 1, message: 'no force-app/main/default', fix: 'create the package source' }],
      checked: '0 files'
    };
  }
  const count =
    checkLwc(project, issues) +
    checkPermissionSets(project, issues) +
    checkUi(project, issues) +
    checkCustomMetadataRecords(project, issues) +
    checkDuplicateLabels(project, issues) +
    checkFormatLabels(project, issues) +
    checkStaticResources(projectDir, issues);
  return { name: 'cross-references', issues, checked: `${count} files` };
}

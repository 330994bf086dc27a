import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComponentSetBuilder, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { walk } from './lib/files.ts';
import type { CheckResult, Issue } from './lib/issue.ts';

/** Converts the package to Metadata API format exactly as `sf project deploy` would before sending it. */
export async function checkSdrConversion(projectDir: string, packageDir = 'force-app'): Promise<CheckResult> {
  const issues: Issue[] = [];
  const out = mkdtempSync(join(tmpdir(), 'sdr-'));
  const source = join(projectDir, packageDir);
  let count = 0;
  try {
    const components = await ComponentSetBuilder.build({ sourcepath: [source], projectDir });
    count = components.size;
    if (count === 0) {
      issues.push({
        file: source,
        line: 1,
        message: 'no metadata components found',
        fix: 'add source-format metadata under force-app/main/default'
      });
    } else {
      await new MetadataConverter().convert(components, 'metadata', { type: 'directory', outputDirectory: out });
      // A file no component claims is silently left out of every deploy (e.g. a class without its -meta.xml).
      const claimed = new Set<string>();
      for (const component of components.getSourceComponents()) {
        if (component.xml) claimed.add(component.xml);
        for (const file of component.walkContent()) claimed.add(file);
        for (const child of component.getChildren()) if (child.xml) claimed.add(child.xml);
      }
      for (const file of walk(source, (p) => !/\/(jsconfig|tsconfig|\.eslintrc)\.json$/.test(p))) {
        if (!claimed.has(file)) {
          issues.push({
            file,
            line: 1,
            message: 'no metadata component includes this file, so it would never be deployed',
            fix: 'add its -meta.xml file (or move it out of force-app)'
          });
        }
      }
    }
  } catch (error) {
    const e = error as Error & { actions?: string[] };
    const where = /(\/[^\s'"]+\.(?:xml|cls|js|html|css|trigger))/.exec(e.message)?.[1] ?? source;
    issues.push({
      file: where,
      line: 1,
      message: `SDR conversion failed: ${e.message}`,
      fix: e.actions?.join(' ') || 'fix the component named above'
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return { name: 'SDR conversion', issues, checked: `${count} components` };
}

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: preview/ sits directly under it. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const forceAppDir = join(projectRoot, 'force-app/main/default');
export const lwcDir = join(forceAppDir, 'lwc');
export const labelsFile = join(forceAppDir, 'labels/CustomLabels.labels-meta.xml');
export const customMetadataDir = join(forceAppDir, 'customMetadata');
export const classesDir = join(forceAppDir, 'classes');
export const clientDir = join(projectRoot, 'preview/client');
export const sldsDir = join(projectRoot, 'node_modules/@salesforce-ux/design-system/assets');
export const contractFixturesDir = join(projectRoot, 'scripts/contract/fixtures');
export const defaultStateFile = join(projectRoot, '.preview-state/org.json');

import * as path from 'path';

export const ROOT = path.join(__dirname, '..');
/** What ships: the handler `npm run bundle` builds from lambda/. */
export const BUILT_BUNDLE = path.join(ROOT, 'dist', 'handler', 'index.js');
/** Git-ignored scratch space. */
export const TMP = path.join(__dirname, 'tmp');
/** The bench's own copy of the built handler: others' builds rewrite dist/ while the bench runs. */
export const BUNDLE = path.join(TMP, 'handler', 'index.js');
/** cdk-amazon-chime-resources' PSTN handler, the asset behind its ChimePhoneNumber. */
export const ANCHOR_BUNDLE = path.join(ROOT, 'node_modules', 'cdk-amazon-chime-resources', 'assets', 'resources', 'pstn', 'index.js');

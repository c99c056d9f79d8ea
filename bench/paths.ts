import * as path from 'path';

export const ROOT = path.join(__dirname, '..');
/** What ships: the handler `npm run bundle` builds from lambda/ (index.js and one file per API adapter). */
export const BUILT_BUNDLE_DIR = path.join(ROOT, 'dist', 'handler');
/** Git-ignored scratch space. */
export const TMP = path.join(__dirname, 'tmp');
/** The bench's own copy of the built handler: others' builds rewrite dist/ while the bench runs. */
export const BUNDLE_DIR = path.join(TMP, 'handler');
export const BUNDLE = path.join(BUNDLE_DIR, 'index.js');
/** The adapter file index.js requires for an event of each API (scripts/bundle-handler.js). */
export const API_ADAPTERS = { 'chime-sdk-voice': 'chime-sdk-voice.js', 'chime': 'chime.js' } as const;
/** cdk-amazon-chime-resources' PSTN handler, the asset behind its ChimePhoneNumber. */
export const ANCHOR_BUNDLE = path.join(ROOT, 'node_modules', 'cdk-amazon-chime-resources', 'assets', 'resources', 'pstn', 'index.js');

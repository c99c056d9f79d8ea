import * as fs from 'fs';
import * as path from 'path';

/**
 * The bundled handler, built by `npm run bundle` (run by `npm ci`, `npm run build`, test and start).
 * From the TypeScript sources (`lib/`) it sits in `../dist/handler`; from the compiled package
 * (`dist/lib/`) in `../handler`.
 */
export function handlerAssetDir(): string {
  const candidates = [path.join(__dirname, '..', 'handler'), path.join(__dirname, '..', 'dist', 'handler')];
  const found = candidates.find(dir => fs.existsSync(path.join(dir, 'index.js')));
  if (!found) {
    throw new Error(`PhoneNumberOrder: the bundled handler is missing (looked in ${candidates.join(', ')}); run "npm run bundle"`);
  }
  return found;
}

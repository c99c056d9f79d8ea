// `npm run package`: the tarball users install, packed from a staged copy (see stage-package.js)
// into the repository root, or into the directory given as the first argument.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { stagePackage, ROOT } = require('./stage-package');

const destination = path.resolve(process.argv[2] ?? ROOT);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'phone-number-order-pack-'));
try {
  const staged = stagePackage(path.join(scratch, 'package'));
  fs.mkdirSync(destination, { recursive: true });
  const out = execFileSync('npm', ['pack', staged, '--json', '--pack-destination', destination], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [packed] = JSON.parse(out);
  console.log(`${path.join(destination, packed.filename)} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked)`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

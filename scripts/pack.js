// `npm run package`: the tarballs users install, each packed from a staged copy: the construct
// (stage-package.js) and the companion local deploy (stage-local-package.js), into the repository
// root, or into the directory given as the first argument.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { stagePackage, ROOT } = require('./stage-package');
const { stageLocalPackage } = require('./stage-local-package');

/** Stages and packs both packages into `destination`; answers npm pack's record of each. */
function packAll(destination) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'phone-number-order-pack-'));
  try {
    fs.mkdirSync(destination, { recursive: true });
    return [stagePackage, stageLocalPackage].map((stage, i) => {
      const staged = stage(path.join(scratch, String(i)));
      const out = execFileSync('npm', ['pack', staged, '--json', '--pack-destination', destination], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const [packed] = JSON.parse(out);
      return { ...packed, tarball: path.join(destination, packed.filename) };
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

module.exports = { packAll };

if (require.main === module) {
  for (const packed of packAll(path.resolve(process.argv[2] ?? ROOT))) {
    console.log(`${packed.tarball} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked)`);
  }
}

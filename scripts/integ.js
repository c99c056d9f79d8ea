// The integ-runner test in test/integ, with the aws-cdk-lib release integ-runner can read.
//   node scripts/integ.js           compare the committed snapshot with a fresh synth (offline; npm test;
//                                   --dir DIR checks a copy of test/integ at the same depth instead)
//   node scripts/integ.js update    rewrite the snapshot (offline, deploys nothing)
//   node scripts/integ.js deploy [integ-runner options, e.g. --profiles NAME]
//       deploy to a real account, assert, destroy. INTEG_PHONE_NUMBERS=+1...,+1... names the numbers to
//       order; the committed snapshot is put back afterwards, so your numbers do not end up in it.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { install } = require('./cdk-lib-versions');

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const dirFlag = args.indexOf('--dir');
const DIR = dirFlag >= 0 ? path.resolve(args.splice(dirFlag, 2)[1]) : path.join(ROOT, 'test', 'integ');
const NUMBERS_VARIABLE = 'INTEG_PHONE_NUMBERS';

/** Runs integ-runner on DIR; returns its exit status (integ-runner prints what failed). */
function integRunner(runnerArgs, env = process.env) {
  const app = `node --import tsx --require ${JSON.stringify(path.join(DIR, 'use-integ-aws-cdk-lib.js'))} {filePath}`;
  const result = spawnSync(process.execPath, [require.resolve('@aws-cdk/integ-runner/bin/integ-runner'),
    '--directory', DIR, '--language', 'typescript', '--app', app, ...runnerArgs], { cwd: ROOT, stdio: 'inherit', env });
  return result.status ?? 1;
}

function snapshotDirs() {
  return fs.readdirSync(DIR).filter(f => f.endsWith('.snapshot')).map(f => path.join(DIR, f));
}

/**
 * Keeps the snapshot to what the check reads: drops the construct creation stacks from its metadata
 * files (they hold this machine's paths; integ-runner compares templates, not metadata) and the assets
 * integ-runner leaves (the assertion handler's 2 MB bundle; a deploy synthesises afresh).
 */
function tidySnapshot() {
  for (const dir of snapshotDirs()) {
    for (const asset of fs.readdirSync(dir).filter(f => f.startsWith('asset.'))) fs.rmSync(path.join(dir, asset), { recursive: true, force: true });
    for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.metadata.json')).map(f => path.join(dir, f))) {
      const metadata = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const key of Object.keys(metadata)) metadata[key] = metadata[key].filter(entry => entry.type !== 'aws:cdk:creationStack');
      fs.writeFileSync(file, JSON.stringify(metadata, null, 2));
    }
  }
}

const [mode = 'check', ...rest] = args;
install('integ');
// The snapshot holds the fictional default numbers, whatever the environment says.
const offline = { ...process.env, [NUMBERS_VARIABLE]: '' };
switch (mode) {
  case 'check':
    process.exitCode = integRunner(rest, offline);
    break;
  case 'update':
    process.exitCode = integRunner(['--force', '--dry-run', ...rest], offline);
    tidySnapshot();
    break;
  case 'deploy': {
    if (!process.env[NUMBERS_VARIABLE]) {
      console.error(`set ${NUMBERS_VARIABLE} to the numbers to order, comma-separated (find some with aws chime-sdk-voice search-available-phone-numbers)`);
      process.exit(2);
    }
    fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
    const backup = fs.mkdtempSync(path.join(ROOT, 'dist', 'integ-snapshot-'));
    for (const dir of snapshotDirs()) fs.cpSync(dir, path.join(backup, path.basename(dir)), { recursive: true });
    try {
      process.exitCode = integRunner(['--force', '--parallel-regions', 'us-east-1', ...rest]);
    } finally {
      for (const dir of snapshotDirs()) fs.rmSync(dir, { recursive: true, force: true });
      for (const dir of fs.readdirSync(backup)) fs.cpSync(path.join(backup, dir), path.join(DIR, dir), { recursive: true });
      fs.rmSync(backup, { recursive: true, force: true });
    }
    break;
  }
  default:
    console.error(`unknown mode "${mode}": use check, update or deploy`);
    process.exit(2);
}

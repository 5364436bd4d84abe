/**
 * `npm run engine -- cdktn` switches the project to CDK Terrain, `npm run engine -- cdktf` back to
 * HashiCorp CDKTF: rewrites package.json (see switchEngine) and lets `npm install` rewrite
 * package-lock.json and node_modules. When the new package.json is the committed one (switching back),
 * the committed lock file is restored and installed with `npm ci` instead: `npm install` would resolve
 * the packages the other engine dropped afresh, at newer versions. Run in the project folder; a second
 * run changes nothing. If the install fails, package.json and the lock file are put back as they were.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { ENGINES, EngineError, cliNodeWarning, installedEngine, parseEngine, switchEngine } from './engines';

const PACKAGE_FILE = 'package.json';
const LOCK_FILE = 'package-lock.json';

function main(args: readonly string[]): number {
  const engine = parseEngine(args);
  const target = ENGINES[engine];
  const before = { pkg: readFileSync(PACKAGE_FILE, 'utf8'), lock: existsSync(LOCK_FILE) ? readFileSync(LOCK_FILE, 'utf8') : undefined };
  const after = `${JSON.stringify(switchEngine(JSON.parse(before.pkg), engine), null, 2)}\n`;
  const summary = `${target.title} (${target.name} ${target.version}, CLI ${target.cli.package} ${target.cli.version}: \`npx ${target.cli.bin}\`)`;
  const warning = cliNodeWarning(engine, process.version);

  if (after === before.pkg && before.lock !== undefined && installedEngine('.') === engine) {
    console.log(`Already on ${summary}: nothing changed.`);
  } else {
    const lock = committedLock(after);
    writeFileSync(PACKAGE_FILE, after);
    if (lock !== undefined) writeFileSync(LOCK_FILE, lock);
    // engine-strict off: cdktn-cli declares Node >= 22.19, and the app it runs works on older Node too.
    const command = lock === undefined ? 'install' : 'ci';
    const install = spawnSync('npm', [command, '--no-audit', '--no-fund', '--engine-strict=false'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (install.status !== 0) {
      writeFileSync(PACKAGE_FILE, before.pkg);
      if (before.lock !== undefined) writeFileSync(LOCK_FILE, before.lock);
      console.error(
        `Error: npm ${command} failed (${install.error?.message ?? `exit ${install.status ?? install.signal}`}); ` +
          `${PACKAGE_FILE} and ${LOCK_FILE} are as they were, run \`npm ci\` to restore node_modules.`,
      );
      return 1;
    }
    const lockSource = lock === undefined ? '' : ` (${LOCK_FILE} as committed)`;
    console.log(`Switched to ${summary}${lockSource}. Back: npm run engine -- ${engine === 'cdktn' ? 'cdktf' : 'cdktn'}`);
  }
  if (warning !== undefined) console.error(`Warning: ${warning}`);
  return 0;
}

/** The committed lock file, when `pkg` is the committed package.json; nothing outside a git checkout. */
function committedLock(pkg: string): string | undefined {
  const committed = (file: string) => {
    const show = spawnSync('git', ['show', `HEAD:./${file}`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return show.status === 0 ? show.stdout : undefined;
  };
  return committed(PACKAGE_FILE) === pkg ? committed(LOCK_FILE) : undefined;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof EngineError)) throw error;
  console.error(`Error: ${error.message}`);
  process.exitCode = 1;
}

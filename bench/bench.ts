/**
 * `npm run bench`: times the project's synth against the floor (cdktf and the provider modules alone)
 * and the baseline (a plain `cdktf init` project with root imports and type-checking ts-node), plus
 * `npm test`, `npx cdktf synth` and 1, 10 and 100 tenants. Each workload runs once to warm the file
 * cache, then the workloads take turns, round after round, so a busy machine slows them all alike.
 *
 *   npm run bench                      every workload
 *   npm run bench -- project floor     only those (names as printed)
 *   BENCH_RUNS=9 BENCH_SLOW_RUNS=5     measured runs of the fast and of the slow workloads (5 and 3)
 *
 * Wall time is measured here; peak memory by GNU `/usr/bin/time -v` when present (the largest process
 * of the command), else by Node's `process.resourceUsage()` in every node process the command starts.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeBaseline, writeFloor, writeTenants } from './workloads';

const ROOT = path.resolve(__dirname, '..');
const GNU_TIME = '/usr/bin/time';

interface Workload {
  readonly name: string;
  readonly runs: number;
  readonly cwd: string;
  /** The shell command of run `n` (0 is the warm-up). */
  readonly command: (n: number) => string;
  readonly env?: Readonly<Record<string, string>>;
}

interface Sample {
  readonly seconds: number;
  readonly peakMb?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function measure(workload: Workload, run: number, scratch: string): Sample {
  const report = path.join(scratch, `measure-${process.pid}.txt`);
  rmSync(report, { force: true });
  // cdktf-cli gives the app this heap limit; the other workloads get it too, so all run alike
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096', CHECKPOINT_DISABLE: '1', ...workload.env };
  const command = workload.command(run);
  const useGnuTime = existsSync(GNU_TIME);
  if (!useGnuTime) {
    const hook = path.join(scratch, 'peak-rss.js');
    writeFileSync(
      hook,
      "process.on('exit', () => require('fs').appendFileSync(process.env.BENCH_PEAK_FILE, process.resourceUsage().maxRSS + '\\n'));\n",
    );
    env.NODE_OPTIONS = `${env.NODE_OPTIONS} --require ${hook}`;
    env.BENCH_PEAK_FILE = report;
  }
  const argv = useGnuTime ? [GNU_TIME, '-v', '-o', report, 'sh', '-c', command] : ['sh', '-c', command];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd: workload.cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${workload.name} failed (exit ${result.status}): ${command}\n${result.stderr.toString().slice(-2000)}`);
  }
  const text = existsSync(report) ? readFileSync(report, 'utf8') : '';
  const kilobytes = useGnuTime
    ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1])
    : Math.max(
        ...text
          .split('\n')
          .filter((l) => l !== '')
          .map(Number),
      );
  return { seconds, peakMb: Number.isFinite(kilobytes) && kilobytes > 0 ? kilobytes / 1024 : undefined };
}

/** Resource type -> count, per stack: what "the same resources" means for floor and project. */
function resourceCensus(outdir: string): string {
  const stacksDir = path.join(outdir, 'stacks');
  return readdirSync(stacksDir)
    .sort()
    .map((stack) => {
      const json = JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, object> };
      const types = Object.entries(json.resource ?? {}).map(([type, resources]) => `${type}×${Object.keys(resources).length}`);
      return `${stack}: ${types.sort().join(' ')}`;
    })
    .join('\n');
}

function workloads(scratch: string): Workload[] {
  const fastRuns = Number(process.env.BENCH_RUNS ?? 5);
  const slowRuns = Number(process.env.BENCH_SLOW_RUNS ?? 3);
  const app = (JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app;
  const project = (name: string, tfvars?: string): Workload => ({
    name,
    runs: fastRuns,
    cwd: ROOT,
    command: () => app,
    env: { CDKTF_OUTDIR: path.join(scratch, `out-${name}`), ...(tfvars ? { XDR_TFVARS: tfvars } : {}) },
  });
  const floorDir = path.join(scratch, 'floor');
  const floor = writeFloor(floorDir, ROOT);
  const floor100 = writeFloor(floorDir, ROOT, 100);
  const baselineDir = path.join(scratch, 'baseline');
  const baseline = writeBaseline(baselineDir, ROOT);
  const list: Workload[] = [
    project('project'),
    { name: 'floor', runs: fastRuns, cwd: floorDir, command: () => floor, env: { CDKTF_OUTDIR: path.join(scratch, 'out-floor') } },
    {
      name: 'floor-100',
      runs: fastRuns,
      cwd: floorDir,
      command: () => floor100,
      env: { CDKTF_OUTDIR: path.join(scratch, 'out-floor-100') },
    },
    {
      name: 'baseline',
      runs: slowRuns,
      cwd: baselineDir,
      command: () => baseline,
      env: { CDKTF_OUTDIR: path.join(scratch, 'out-baseline') },
    },
  ];
  for (const count of [1, 10, 100]) {
    const dir = path.join(scratch, `tenants-${count}`);
    writeTenants(dir, count);
    list.push(project(`tenants-${count}`, dir));
  }
  list.push(
    { name: 'cdktf-synth', runs: slowRuns, cwd: ROOT, command: () => `npx cdktf synth --output ${path.join(scratch, 'out-cdktf-synth')}` },
    // a fresh jest cache each run: the target is for a cold cache
    {
      name: 'npm-test',
      runs: slowRuns,
      cwd: ROOT,
      command: (n) => `npm test -- --cacheDirectory ${path.join(scratch, `jest-cache-${n}`)}`,
    },
  );
  return list;
}

function format(seconds: number): string {
  return seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1);
}

function main(): void {
  const only = process.argv.slice(2);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'xdr-bench-'));
  try {
    const chosen = workloads(scratch).filter((w) => only.length === 0 || only.includes(w.name));
    console.log(
      `${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}; ` +
        `peak memory by ${existsSync(GNU_TIME) ? GNU_TIME + ' -v' : 'process.resourceUsage()'}; warm-up run, then interleaved runs`,
    );
    // a workload that fails (say, npm test while a test is red) is reported and dropped; the others go on
    const failed = new Set<string>();
    const attempt = (w: Workload, run: number): Sample | undefined => {
      try {
        return measure(w, run, scratch);
      } catch (error) {
        console.error(String(error));
        failed.add(w.name);
        return undefined;
      }
    };
    chosen.forEach((w) => attempt(w, 0));
    const samples = new Map<string, Sample[]>(chosen.map((w) => [w.name, []]));
    const rounds = Math.max(...chosen.map((w) => w.runs));
    for (let round = 1; round <= rounds; round++) {
      for (const w of chosen.filter((c) => c.runs >= round && !failed.has(c.name))) {
        const sample = attempt(w, round);
        if (sample) samples.get(w.name)?.push(sample);
      }
      process.stderr.write(`round ${round}/${rounds} done\n`);
    }
    failed.forEach((name) => samples.delete(name));

    const stats = new Map<string, { median: number; min: number; max: number; peakMb?: number }>();
    console.log(`\n${'workload'.padEnd(14)}${'median s'.padStart(10)}${'min-max s'.padStart(14)}${'peak MB'.padStart(10)}  runs`);
    for (const [name, list] of samples) {
      const seconds = list.map((s) => s.seconds);
      const peaks = list.map((s) => s.peakMb).filter((p): p is number => p !== undefined);
      const entry = {
        median: median(seconds),
        min: Math.min(...seconds),
        max: Math.max(...seconds),
        peakMb: peaks.length ? Math.max(...peaks) : undefined,
      };
      stats.set(name, entry);
      console.log(
        `${name.padEnd(14)}${format(entry.median).padStart(10)}${`${format(entry.min)}-${format(entry.max)}`.padStart(14)}` +
          `${(entry.peakMb === undefined ? 'n/a' : entry.peakMb.toFixed(0)).padStart(10)}  ${list.length}`,
      );
    }

    const get = (name: string) => stats.get(name);
    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    console.log('\nratios and targets');
    const project = get('project');
    const floor = get('floor');
    const baseline = get('baseline');
    if (project && floor) {
      const ratio = project.median / floor.median;
      console.log(`  project / floor          ${ratio.toFixed(2)}x   target <= 1.5x   ${verdict(ratio <= 1.5)}`);
      const same = resourceCensus(path.join(scratch, 'out-project')) === resourceCensus(path.join(scratch, 'out-floor'));
      console.log(`  floor synthesizes the same resource types and counts as project: ${same ? 'yes' : 'NO, the floor is out of date'}`);
    }
    if (project && baseline) {
      const ratio = baseline.median / project.median;
      console.log(`  baseline / project       ${ratio.toFixed(1)}x   target >= 5x     ${verdict(ratio >= 5)}`);
    }
    const test = get('npm-test');
    if (test) console.log(`  npm test, cold jest cache ${format(test.median)} s   target <= 30 s   ${verdict(test.median <= 30)}`);
    const [one, ten, hundred] = [get('tenants-1'), get('tenants-10'), get('tenants-100')];
    if (one && hundred) {
      const ratio = hundred.median / one.median;
      console.log(`  100 tenants / 1 tenant   ${ratio.toFixed(2)}x   target <= 3x     ${verdict(ratio <= 3)}`);
      if (hundred.peakMb !== undefined) {
        console.log(`  100 tenants peak memory  ${hundred.peakMb.toFixed(0)} MB   target <= 400 MB ${verdict(hundred.peakMb <= 400)}`);
      }
    }
    const floor100 = get('floor-100');
    if (floor && floor100) {
      const ratio = floor100.median / floor.median;
      console.log(`  floor, 100 tenants / 1   ${ratio.toFixed(2)}x   (cdktf alone, no code of ours: the best the ratio above can be)`);
    }
    if (one && ten && hundred) {
      const early = (ten.median - one.median) / 9;
      const late = (hundred.median - ten.median) / 90;
      console.log(
        `  cost per added tenant    ${(early * 1000).toFixed(0)} ms (1->10), ${(late * 1000).toFixed(0)} ms (10->100): ` +
          `${late <= early * 1.5 ? 'linear' : 'grows faster than linear'}`,
      );
    }
    console.log(
      `\nload average (1 min) at the end: ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs; above about 1, other work shares the machine`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();

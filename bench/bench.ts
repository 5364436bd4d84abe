/**
 * `npm run bench`: times the project's synth against the floor (cdktf and the provider modules alone)
 * and the baseline (a plain `cdktf init` project with root imports and type-checking ts-node), plus
 * the first synth with cold caches, `npm test`, `npx cdktf synth` and 1 to 1,000 tenants against the
 * floor with as many. Each workload runs once to warm the file cache, then the workloads take turns,
 * round after round, so a busy machine slows them all alike.
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
const TENANT_COUNTS = [1, 10, 100, 1000];
const GNU_TIME = '/usr/bin/time';

interface Workload {
  readonly name: string;
  readonly runs: number;
  readonly cwd: string;
  /** The shell command of run `n` (0 is the warm-up). */
  readonly command: (n: number) => string;
  readonly env?: Readonly<Record<string, string>>;
  /** Runs before run `n`, untimed. */
  readonly before?: (n: number) => void;
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
  workload.before?.(run);
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
  const coldTfvars = path.join(scratch, 'cold-synth.tfvars');
  const floorTenants = (count: number): Workload => {
    const command = writeFloor(floorDir, ROOT, count);
    return {
      name: `floor-${count}`,
      runs: count >= 1000 ? slowRuns : fastRuns,
      cwd: floorDir,
      command: () => command,
      env: { CDKTF_OUTDIR: path.join(scratch, `out-floor-${count}`) },
    };
  };
  const baselineDir = path.join(scratch, 'baseline');
  const baseline = writeBaseline(baselineDir, ROOT);
  const list: Workload[] = [
    project('project'),
    { name: 'floor', runs: fastRuns, cwd: floorDir, command: () => floor, env: { CDKTF_OUTDIR: path.join(scratch, 'out-floor') } },
    {
      // the first synth after `npm ci` (whose prepare script transpiles the app ahead, as here) or
      // after an edit of terraform.tfvars: the transpile cache deleted, and the shipped terraform.tfvars
      // with a comment of its own each run, so its parse is never cached (deleting the HCL cache
      // instead would make the tenant workloads parse cold too)
      ...project('cold-synth', coldTfvars),
      before: (n) => {
        rmSync(path.join(ROOT, 'node_modules', '.cache', 'xdr-ts'), { recursive: true, force: true });
        writeFileSync(
          coldTfvars,
          `${readFileSync(path.join(ROOT, 'terraform.tfvars.example'), 'utf8')}\n# cold-synth run ${n}, ${scratch}\n`,
        );
      },
    },
    {
      name: 'baseline',
      runs: slowRuns,
      cwd: baselineDir,
      command: () => baseline,
      env: { CDKTF_OUTDIR: path.join(scratch, 'out-baseline') },
    },
  ];
  for (const count of TENANT_COUNTS) {
    const dir = path.join(scratch, `tenants-${count}`);
    writeTenants(dir, count);
    list.push({ ...project(`tenants-${count}`, dir), runs: count >= 1000 ? slowRuns : fastRuns });
    if (count >= 100) list.push(floorTenants(count));
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
  // the state `npm ci` leaves: its prepare script has transpiled the app ahead
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'transpile-cache.js'), '--precompile'], { stdio: 'ignore' });
  try {
    const chosen = workloads(scratch).filter((w) => only.length === 0 || only.includes(w.name));
    console.log(
      `${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}; ` +
        `peak memory by ${existsSync(GNU_TIME) ? GNU_TIME + ' -v' : 'process.resourceUsage()'}; warm-up run, then interleaved runs; ` +
        // the one printed at the end is mostly the benchmark's own: this one says whether the machine was quiet
        `load average (1 min) at the start: ${os.loadavg()[0].toFixed(2)}`,
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
    const line = (label: string, value: string, target: string, met?: boolean) =>
      console.log(`  ${label.padEnd(34)}${value.padStart(9)}   ${target.padEnd(18)}${met === undefined ? '' : verdict(met)}`);
    const project = get('project');
    const floor = get('floor');
    const baseline = get('baseline');
    if (project && floor) {
      const ratio = project.median / floor.median;
      line('project / floor', `${ratio.toFixed(2)}x`, 'target <= 1.5x', ratio <= 1.5);
      const same = resourceCensus(path.join(scratch, 'out-project')) === resourceCensus(path.join(scratch, 'out-floor'));
      console.log(`  floor synthesizes the same resource types and counts as project: ${same ? 'yes' : 'NO, the floor is out of date'}`);
    }
    const cold = get('cold-synth');
    if (cold && floor) {
      const ratio = cold.median / floor.median;
      line('cold-synth / floor (caches cold)', `${ratio.toFixed(2)}x`, 'target <= 1.5x', ratio <= 1.5);
    }
    if (project && baseline) {
      const ratio = baseline.median / project.median;
      line('baseline / project', `${ratio.toFixed(1)}x`, 'target >= 5x', ratio >= 5);
    }
    const test = get('npm-test');
    if (test) line('npm test, cold jest cache', `${format(test.median)} s`, 'target <= 30 s', test.median <= 30);
    // per added tenant: what N tenants cost over one, divided by N - 1, for the project and the floor
    const one = get('tenants-1');
    for (const count of TENANT_COUNTS.filter((c) => c >= 100)) {
      const ours = get(`tenants-${count}`);
      const floorMany = get(`floor-${count}`);
      if (!one || !ours || !floorMany || !floor) continue;
      const perTenant = (ours.median - one.median) / (count - 1);
      const floorPerTenant = (floorMany.median - floor.median) / (count - 1);
      const ratio = perTenant / floorPerTenant;
      line(
        `per tenant at ${count}: ${(perTenant * 1000).toFixed(1)} / ${(floorPerTenant * 1000).toFixed(1)} ms`,
        `${ratio.toFixed(2)}x`,
        'target <= 1.2x',
        ratio <= 1.2,
      );
    }
    const thousand = get('tenants-1000');
    if (thousand?.peakMb !== undefined) {
      line('1,000 tenants peak memory', `${thousand.peakMb.toFixed(0)} MB`, 'target <= 1024 MB', thousand.peakMb <= 1024);
    }
    const [ten, hundred] = [get('tenants-10'), get('tenants-100')];
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

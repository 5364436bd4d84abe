/**
 * The documentation is checked like code: README.md and help/ must link only to what exists, name
 * only commands, settings and variables that exist, and quote the code's numbers as the code has them.
 * Pure reads of files and in-process calls; nothing is spawned.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import * as path from 'path';
import { commandList, HELP_INDEX } from '../../scripts/help';
import { EXIT_OK, run } from '../../lib/guide/cli/size';
import { GUIDE_DEFAULTS, PLACEHOLDER_GUID, VARIABLE_NAMES, VariableName } from '../../lib/guide/config/variables';
import {
  GUIDE_MAX_THROUGHPUT_UNITS,
  MAX_CLIENT_NAME_PLUS_REGION,
  PREMIUM_PARTITIONS_PER_PROCESSING_UNIT,
  PREMIUM_PROCESSING_UNITS,
  STANDARD_MAX_INFLATE_CAP,
  STANDARD_MAX_THROUGHPUT_UNITS,
  TIER_LIMITS,
} from '../../lib/rules/limits';
import { MAX_IP_RULES } from '../../lib/rules/network';
import { DEFAULT_SETTINGS, SETTINGS } from '../../lib/guide/config/settings';
import {
  DEFAULT_SECRET_LIFETIME_DAYS,
  DEFAULT_SECRET_ROTATION_DAYS,
  MAX_SECRET_LIFETIME_DAYS,
  maxDeployIntervalDays,
} from '../../lib/rules/secret';
import { ALERT_WINDOW_MINUTES, scalingThresholds } from '../../lib/monitoring/thresholds';

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'fixtures' ? [] : filesUnder(full, keep);
    return keep(full) ? [full] : [];
  });
}

const DOCS = [path.join(ROOT, 'README.md'), ...filesUnder(path.join(ROOT, 'help'), (f) => f.endsWith('.md'))];
const read = (file: string): string => readFileSync(file, 'utf8');
const rel = (file: string): string => path.relative(ROOT, file);
const page = (name: string): string => read(path.join(ROOT, 'help', name));

/** The text outside fenced code blocks (``` or ~~~), line by line; fenced lines become empty. */
function prose(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === undefined || fence === marker)) {
      fence = fence === undefined ? marker : undefined;
      return '';
    }
    return fence === undefined ? line : '';
  });
}

/**
 * GitHub's anchor for a heading: the rendered text (code, emphasis and link markup removed), lower
 * case, every character that is not a letter, mark, digit, connector, hyphen or space dropped, spaces
 * to hyphens. Hand-written: github-slugger 2 is ESM-only, which jest's CommonJS transform cannot load.
 */
export function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown file offers: its headings (repeats get -1, -2, ...) and HTML ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1]);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const id of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id[1]);
  }
  return anchors;
}

/** `[text](target)` links outside code, with inline code spans removed first. */
function linksOf(markdown: string): string[] {
  return prose(markdown).flatMap((line) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]),
  );
}

/** Why a link (relative to `from`) does not resolve, or undefined when it does. */
function brokenLink(from: string, target: string): string | undefined {
  if (/^(https?:|mailto:)/.test(target)) return undefined;
  const [file, anchor] = target.split('#', 2);
  const resolved = file === '' ? from : path.resolve(path.dirname(from), decodeURI(file));
  if (!resolved.startsWith(ROOT + path.sep) && resolved !== ROOT) return 'points outside the repository';
  if (!existsSync(resolved)) return 'no such file';
  if (anchor === undefined) return undefined;
  if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) return 'an anchor into a file that is not Markdown';
  return anchorsOf(read(resolved)).has(anchor) ? undefined : `no heading with the anchor #${anchor}`;
}

describe('links', () => {
  test('the slug rules match what GitHub renders', () => {
    expect(githubSlug("The guide's terraform.tfvars")).toBe('the-guides-terraformtfvars');
    expect(githubSlug('Stack `defender-integration`')).toBe('stack-defender-integration');
    expect(githubSlug('1. Measure the rate, with the guide’s query')).toBe('1-measure-the-rate-with-the-guides-query');
    expect(githubSlug('Defender for Endpoint → Taegis XDR')).toBe('defender-for-endpoint--taegis-xdr');
    expect(githubSlug('[Link](x.md) and **bold** text_with_underscores')).toBe('link-and-bold-text_with_underscores');
    expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n<a id="kept"></a>\n')]).toEqual(['a', 'a-1', 'kept']);
  });

  test('every relative link and #anchor in README.md and help/ resolves', () => {
    expect(DOCS.length).toBeGreaterThan(20);
    const broken = DOCS.flatMap((doc) =>
      linksOf(read(doc)).flatMap((target) => {
        const why = brokenLink(doc, target);
        return why ? [`${rel(doc)}: (${target}) ${why}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  test('every help/ page a code comment cites (help/page.md#anchor) exists with that anchor', () => {
    const sources = ['lib', 'bin', 'scripts', 'bench', '__tests__']
      .flatMap((dir) => filesUnder(path.join(ROOT, dir), (f) => f.endsWith('.ts') && !f.startsWith(__dirname)))
      .concat(path.join(ROOT, 'main.ts'));
    const cited = sources.flatMap((file) =>
      [...read(file).matchAll(/\bhelp\/([\w-]+\.md)(#[\w-]+)?/g)].map((m) => ({ file, target: m[1] + (m[2] ?? '') })),
    );
    expect(cited.length).toBeGreaterThan(10);
    const broken = cited.flatMap(({ file, target }) => {
      const why = brokenLink(path.join(ROOT, 'help', 'README.md'), target);
      return why ? [`${rel(file)}: help/${target} ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  test('every file of the repository named in backticks exists', () => {
    const missing = DOCS.flatMap((doc) =>
      prose(read(doc)).flatMap((line) =>
        [...line.matchAll(/`((?:lib|__tests__|bin|scripts|bench)\/[^`\s{}<>*]*)`/g)]
          .map((m) => m[1])
          .filter((file) => !existsSync(path.join(ROOT, file)))
          .map((file) => `${rel(doc)}: ${file}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  test('nothing outside the repository is cited', () => {
    const outside = DOCS.filter((doc) => /spec §|guide-template-spec|\.\.\/shared|\/work\//.test(read(doc))).map(rel);
    expect(outside).toEqual([]);
  });
});

describe('commands', () => {
  const scripts = Object.keys(JSON.parse(read(path.join(ROOT, 'package.json'))).scripts);

  test('every `npm run X` names a script of package.json', () => {
    const unknown = DOCS.flatMap((doc) =>
      [...read(doc).matchAll(/npm run (?:-s |--silent )?([\w:-]+)/g)]
        .map((m) => m[1])
        .filter((name) => !scripts.includes(name))
        .map((name) => `${rel(doc)}: npm run ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  test('README.md is short and starts with the install-and-synth and test commands that CI runs', () => {
    const readme = read(path.join(ROOT, 'README.md'));
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    const commands = /^```sh\n(.*)\n(.*)\n```/m.exec(readme);
    expect(commands?.[1]).toMatch(/^npm ci && npx cdktf synth\s/);
    expect(commands?.[2]).toMatch(/^npm test\s/);
    expect(read(path.join(ROOT, '.ci', 'run'))).toMatch(/^npm test$/m);
  });

  test('every help page starts with its commands: a title, then a shell block', () => {
    const pages = DOCS.filter((doc) => path.dirname(doc) === path.join(ROOT, 'help'));
    const without = pages.filter((doc) => !/^# .+\n\n```(sh|bash)\n/.test(read(doc))).map(rel);
    expect(without).toEqual([]);
  });

  test('every help page with three sections or more has a table of contents linking each of them', () => {
    const missing = DOCS.filter((doc) => path.dirname(doc) === path.join(ROOT, 'help')).flatMap((doc) => {
      const text = read(doc);
      const sections = prose(text).flatMap((line) => (/^## (.+)/.exec(line) ? [githubSlug(line.slice(3))] : []));
      if (sections.length < 3 || path.basename(doc) === 'README.md') return [];
      const contents = /^Contents:\n\n((?:\s*- .*\n)+)/m.exec(text)?.[1] ?? '';
      return sections.filter((slug) => !contents.includes(`(#${slug})`)).map((slug) => `${rel(doc)}: #${slug}`);
    });
    expect(missing).toEqual([]);
  });

  test('npm run help prints the command list of help/README.md, one command per line', () => {
    const list = commandList(read(HELP_INDEX));
    expect(list.length).toBeGreaterThan(10);
    for (const line of list) expect(line).toMatch(/^(npm|npx|XDR_\w+=\S+ npx) \S.*\s{2,}\S/);
    expect(() => commandList('no markers')).toThrow('markers');
  });

  test('npm run help says what each command does: only --update-docs rewrites help/architecture.md, and a synth makes one stack unless asked', () => {
    const list = commandList(read(HELP_INDEX));
    // scripts/diagram.ts prints to stdout without flags; --update-docs is the one option that writes the page
    const rewrites = list.filter((line) => /help\/architecture\.md/.test(line));
    expect(rewrites.length).toBeGreaterThan(0);
    for (const line of rewrites) expect(line).toMatch(/^npm run diagram -- --update-docs\s/);
    // repopulate-application is synthesized only with repopulate_application = true (lib/guide/app.ts)
    expect(DEFAULT_SETTINGS.repopulateApplication).toBeFalsy();
    expect(list.find((line) => line.startsWith('npx cdktf synth '))).not.toMatch(/both stacks/);
  });
});

/** The lines inside fenced code blocks, with their line numbers (1-based). */
function fencedLines(markdown: string): Array<{ line: string; at: number }> {
  const outside = prose(markdown);
  return markdown
    .split('\n')
    .map((line, i) => ({ line, at: i + 1, fenced: outside[i] === '' && line !== '' && !/^\s*(```|~~~)/.test(line) }))
    .filter((l) => l.fenced)
    .map(({ line, at }) => ({ line, at }));
}

/** rotation.md is rewritten on the rotation branch (issue 18); drop it from here when that branch is merged. */

describe('one story: npm run values for values, xdr.tfvars for settings', () => {
  test('no help page or README obtains values with cdktf output, which prints the secrets as <sensitive>', () => {
    const uses = DOCS.flatMap((doc) => {
      const text = read(doc);
      // a command that runs it
      const commands = fencedLines(text).filter(({ line }) => /^\s*[^#\s].*\bcdktf output\b/.test(line));
      // prose that sends the reader to it: every mention must say why not (it prints <sensitive>)
      const mentions = prose(text)
        .map((line, i) => ({ line, at: i + 1 }))
        .filter(({ line }) => /cdktf output/.test(line) && !/<sensitive>|^#+ Why not|^- \[Why not/.test(line));
      return [...commands, ...mentions].map(({ line, at }) => `${rel(doc)}:${at}: ${line.trim()}`);
    });
    expect(uses).toEqual([]);
  });

  test('no help page or README sets a persisted setting with export XDR_...: xdr.tfvars keeps it for every command', () => {
    // an XDR_X=... prefix on one command is the documented override; environment-only switches may be exported
    const persisted = SETTINGS.filter((s) => s.persisted).map((s) => s.env);
    const exported = DOCS.flatMap((doc) =>
      fencedLines(read(doc))
        .filter(({ line }) => persisted.some((name) => new RegExp(`^\\s*export\\b.*\\b${name}=`).test(line)))
        .map(({ line, at }) => `${rel(doc)}:${at}: ${line.trim()}`),
    );
    expect(exported).toEqual([]);
  });
});

describe('settings and variables', () => {
  const envName = /\bXDR_[A-Z0-9_]*[A-Z0-9]\b/g;
  /** The XDR_* names the app reads today: settings.ts reads the deployment settings, main.ts XDR_TFVARS. */
  /** Every environment variable of the settings schema (the app refuses any other XDR_* name). */
  const readByCode = new Set(SETTINGS.map((s) => s.env));
  /** Exported constants that happen to start with XDR_ (XDR_APPLICATION_ROLES). */
  const constants = new Set(
    filesUnder(path.join(ROOT, 'lib'), (f) => f.endsWith('.ts')).flatMap((f) =>
      [...read(f).matchAll(/export const (XDR_[A-Z0-9_]+)/g)].map((m) => m[1]),
    ),
  );

  test('every XDR_* environment variable the docs name is one the app reads', () => {
    expect(readByCode).toContain('XDR_TFVARS');
    const unknown = DOCS.flatMap((doc) =>
      [...read(doc).matchAll(envName)]
        .map((m) => m[0])
        .filter((name) => !readByCode.has(name) && !constants.has(name))
        // an example of a refused name, shown with the error it gets
        .filter((name) => !read(doc).includes(`Error: environment: ${name}: is not an XDR setting`))
        .map((name) => `${rel(doc)}: ${name}`),
    );
    expect([...new Set(unknown)]).toEqual([]);
  });

  test('every XDR_* environment variable the app reads is documented in help/settings.md', () => {
    const settings = page('settings.md');
    expect([...readByCode].filter((name) => !settings.includes(`\`${name}\``))).toEqual([]);
  });

  test('every key of the settings file is documented in help/settings.md and listed in xdr.tfvars.example', () => {
    const settings = page('settings.md');
    const example = read(path.join(ROOT, 'xdr.tfvars.example'));
    const persisted = SETTINGS.filter((s) => s.persisted).map((s) => s.key);
    expect(persisted.filter((key) => !settings.includes(`\`${key}\``))).toEqual([]);
    expect(persisted.filter((key) => !new RegExp(`^#\\s*${key}\\s*=`, 'm').test(example))).toEqual([]);
  });

  /** The rows of the variables table in help/deploying.md, by variable. */
  function variableRows(): Map<string, string[]> {
    const rows = new Map<string, string[]>();
    for (const line of prose(page('deploying.md'))) {
      const cells = line.split('|').map((c) => c.trim());
      const name = /^`([a-z_]+)`$/.exec(cells[1] ?? '')?.[1];
      if (name && line.startsWith('|')) rows.set(name, cells.slice(2, -1));
    }
    return rows;
  }

  test('help/deploying.md has one row per variable of the guide, and no other, with its default', () => {
    const rows = variableRows();
    expect([...rows.keys()].sort()).toEqual([...VARIABLE_NAMES].sort());
    for (const name of VARIABLE_NAMES) {
      const value = GUIDE_DEFAULTS[name];
      const expected = value === PLACEHOLDER_GUID ? 'placeholder GUID' : `\`${String(value)}\``;
      expect(`${name}: ${rows.get(name)?.[0]}`).toBe(`${name}: ${expected}`);
    }
  });

  test("help/deploying.md states each variable's rule with the code's numbers", () => {
    const rows = variableRows();
    const rule = (name: VariableName): string => rows.get(name)?.[1] ?? '';
    const { Standard, Premium, Dedicated } = TIER_LIMITS;
    const units = PREMIUM_PROCESSING_UNITS;
    expect(rule('client_name')).toContain(`len(client_name) + len(azure_region) <= ${MAX_CLIENT_NAME_PLUS_REGION}`);
    expect(rule('eventhub_throughput_allocated')).toBe(`Standard: 1-${GUIDE_MAX_THROUGHPUT_UNITS}`);
    expect(rule('eventhub_throughput_inflate_cap')).toContain(`allocated-${STANDARD_MAX_INFLATE_CAP}`);
    expect(rule('eventhub_processing_units')).toBe(`Premium: ${units.slice(0, -1).join(', ')} or ${units[units.length - 1]}`);
    expect(rule('eventhub_partition_count')).toBe(
      `Standard 1-${Standard.maxPartitions}, Premium 1-${Premium.maxPartitions} (and ${PREMIUM_PARTITIONS_PER_PROCESSING_UNIT} per PU), dedicated 1-${Dedicated.maxPartitions}`,
    );
    expect(Premium.maxRetentionDays).toBe(Dedicated.maxRetentionDays);
    expect(rule('data_retention_length')).toBe(
      `days: Standard 1-${Standard.maxRetentionDays}, Premium and dedicated 1-${Premium.maxRetentionDays}`,
    );
    for (const name of VARIABLE_NAMES) expect(`${name}: ${rule(name)}`).not.toMatch(/: $/);
  });
});

describe('numbers quoted from the code', () => {
  /** The table row of a page whose first cell is `key`; fails the test when there is none. */
  function row(file: string, key: string): string {
    const found = prose(page(file)).find((line) => line.startsWith(`| \`${key}\``));
    if (found === undefined) throw new Error(`help/${file} has no table row for ${key}`);
    return found;
  }

  test('the secret schedule: rotation, lifetime and its maximum', () => {
    for (const [file, rotation, lifetime] of [
      ['settings.md', 'secret_rotation_days', 'secret_lifetime_days'],
      ['rotation.md', 'XDR_SECRET_ROTATION_DAYS', 'XDR_SECRET_LIFETIME_DAYS'],
    ]) {
      expect(row(file, rotation)).toContain(`| ${DEFAULT_SECRET_ROTATION_DAYS} |`);
      expect(row(file, lifetime)).toContain(`| ${DEFAULT_SECRET_LIFETIME_DAYS} |`);
      expect(row(file, lifetime)).toContain(`at most ${MAX_SECRET_LIFETIME_DAYS}`);
    }
    expect(row('constructs.md', 'XdrApplication')).toContain(
      `\`secretRotationDays\` (${DEFAULT_SECRET_ROTATION_DAYS}), \`secretLifetimeDays\` (${DEFAULT_SECRET_LIFETIME_DAYS})`,
    );
    expect(page('decisions.md')).toMatch(
      new RegExp(`rotates every ${DEFAULT_SECRET_ROTATION_DAYS} days[^.]*valid for ${DEFAULT_SECRET_LIFETIME_DAYS}`),
    );
    expect(page('rotation.md')).toContain(`Deploy at least once every ${maxDeployIntervalDays()} days`);
    expect(page('rotation.md').replace(/\s+/g, ' ')).toContain(
      `N = lifetime - rotation - 30 days: ${maxDeployIntervalDays()} with the defaults`,
    );
    expect(read(path.join(ROOT, 'README.md'))).toContain(`every ${DEFAULT_SECRET_ROTATION_DAYS} days`);
  });

  test("README.md's client_name rule", () => {
    expect(read(path.join(ROOT, 'README.md')).replace(/\s+/g, ' ')).toContain(
      `with \`azure_region\` at most ${MAX_CLIENT_NAME_PLUS_REGION} characters`,
    );
  });

  test("the IP allow-list's limit", () => {
    expect(page('permissions.md')).toContain(`1 to ${MAX_IP_RULES} entries (Azure's limit of IP rules per namespace)`);
  });

  test("Azure's limits in help/guide-facts.md", () => {
    const facts = page('guide-facts.md').replace(/\s+/g, ' ');
    const { Standard, Premium, Dedicated } = TIER_LIMITS;
    expect(facts).toContain(
      `Standard: 1-${STANDARD_MAX_THROUGHPUT_UNITS} throughput units (the guide's file allows ${GUIDE_MAX_THROUGHPUT_UNITS}), an auto-inflate maximum of at most ${STANDARD_MAX_INFLATE_CAP}`,
    );
    expect(facts).toContain(`${Standard.maxPartitions} partitions per event hub, ${Standard.maxRetentionDays} days' retention`);
    expect(facts).toContain(
      `${Premium.maxPartitions} partitions per event hub and ${PREMIUM_PARTITIONS_PER_PROCESSING_UNIT} per processing unit across the namespace, ${Premium.maxRetentionDays} days`,
    );
    expect(facts).toContain(`${Dedicated.maxPartitions} partitions, ${Dedicated.maxRetentionDays} days`);
  });

  test('the sizing example in help/sizing.md is what `npm run size` prints for it', async () => {
    let out = '';
    const code = await run(['--events-per-minute', '120000', '--endpoints', '20000'], { out: (t) => (out += t), err: () => undefined });
    expect(code).toBe(EXIT_OK);
    const sizing = page('sizing.md');
    expect(sizing).toContain('npm run -s size -- --events-per-minute 120000 --endpoints 20000 > sizing.tfvars');
    expect(/```hcl\n([\s\S]*?)```/.exec(sizing)?.[1]).toBe(out);
  });

  test('the alert thresholds in help/alerts.md', () => {
    const alerts = page('alerts.md');
    const bytes = (n: number | undefined): string => (n ?? NaN).toLocaleString('en-US');
    const inflated = scalingThresholds({ tier: 'Standard', throughputUnits: 2, autoInflateMaximumThroughputUnits: 4 });
    const fixed = scalingThresholds({ tier: 'Standard', throughputUnits: 2 });
    expect(alerts).toContain(`= **${bytes(inflated.incomingBytesPerWindow)} bytes**`);
    expect(alerts).toContain(`= **${bytes(inflated.outgoingBytesPerWindow)} bytes**`);
    expect(alerts).toContain(`read ${bytes(fixed.incomingBytesPerWindow)} and ${bytes(fixed.outgoingBytesPerWindow)} bytes`);
    expect(alerts).toContain(`over a ${ALERT_WINDOW_MINUTES}-minute window`);
  });
});

/**
 * `npm run diagram` with a customer's tfvars writes to stdout or the file named, never into the
 * project: no tracked file changes (the issue this replaces: it overwrote README.md with a customer's
 * names). The project's own diagram is redrawn only by --update-docs, from the shipped example.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  DEFAULT_DIAGRAM_FILE,
  DOCS_SETTINGS,
  diagramSection,
  renderGuideDiagram,
  shippedTfvars,
  updateDocs,
} from '../../../scripts/diagram';
import { SUBSCRIPTION, TENANT } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../..');

let dir: string;
let customerTfvars: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diagram-'));
  customerTfvars = path.join(dir, 'customer.tfvars');
  writeFileSync(customerTfvars, `client_name = "AcmeSecret"\nazure_tenant_id = "${TENANT}"\nazure_subscription_id = "${SUBSCRIPTION}"\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What git sees of the working tree: status and the full diff of tracked files. */
function gitView(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout;
  return git('status', '--porcelain', '--untracked-files=all') + git('diff', '--binary');
}

function diagram(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['-r', 'sucrase/register', 'scripts/diagram.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, XDR_TFVARS: customerTfvars, XDR_ALERT_EMAIL: 'soc@example.com' },
  });
}

test("a customer's tfvars: the diagram goes to stdout and no tracked file changes", () => {
  const before = gitView();
  const { status, stdout, stderr } = diagram();
  expect([status, stderr]).toEqual([0, '']);
  expect(stdout).toContain('SCWX-TDR-Namespace-AcmeSecret-eastus');
  expect(stdout).toContain('azurerm_monitor_metric_alert'); // the environment's settings apply to a customer's run
  expect(gitView()).toBe(before);
  expect(readFileSync(path.join(ROOT, DEFAULT_DIAGRAM_FILE), 'utf8')).not.toContain('AcmeSecret');
}, 60_000);

test('--output writes the file named, and refuses a file git tracks', () => {
  const before = gitView();
  const mine = path.join(dir, 'mine.md');
  expect(diagram('--output', mine).status).toBe(0);
  expect(readFileSync(mine, 'utf8')).toContain('SCWX-TDR-Namespace-AcmeSecret-eastus');

  const refused = diagram('--output', 'README.md');
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/^Error: --output = "README\.md": is a file git tracks; .*\n$/);
  expect(gitView()).toBe(before);

  const nowhere = diagram('--output', path.join(dir, 'no-such-folder', 'x.md'));
  expect([nowhere.status, nowhere.stdout]).toEqual([1, '']);
  expect(nowhere.stderr).toMatch(/^Error: --output = ".*x\.md": cannot be written: its folder does not exist\n$/);
}, 90_000);

test('--update-docs draws from the shipped terraform.tfvars with the default settings, whatever the environment says', async () => {
  const project = path.join(dir, 'project');
  mkdirSync(path.join(project, 'help'), { recursive: true });
  copyFileSync(shippedTfvars(), shippedTfvars(project));
  const page = path.join(project, DEFAULT_DIAGRAM_FILE);
  writeFileSync(page, '# Architecture\n\n<!-- diagram:start (npm run diagram) -->\nstale\n<!-- diagram:end -->\n\nafter\n');
  const saved = { XDR_TFVARS: process.env.XDR_TFVARS, XDR_ALERT_EMAIL: process.env.XDR_ALERT_EMAIL };
  Object.assign(process.env, { XDR_TFVARS: customerTfvars, XDR_ALERT_EMAIL: 'soc@example.com' });
  try {
    expect(await updateDocs(project)).toBe(page);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const written = readFileSync(page, 'utf8');
  expect(diagramSection(written)).toBe(await renderGuideDiagram(shippedTfvars(), DOCS_SETTINGS));
  expect(written).not.toContain('AcmeSecret');
  expect(written).not.toContain('azurerm_monitor_metric_alert');
  expect(written).toMatch(/^# Architecture\n[\s\S]*\n<!-- diagram:end -->\n\nafter\n$/);
});

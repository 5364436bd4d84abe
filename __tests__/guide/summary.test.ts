import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { DEFAULT_SETTINGS } from '../../lib/guide/config/settings';
import { stackSummaries, unmanagedRecoveryStates } from '../../lib/guide/summary';
import { DEDICATED, PREMIUM, REPLACEMENT, guideVariables } from '../helpers';

const tenant = (overrides = {}, name?: string) => ({ name, file: 'x.tfvars', variables: guideVariables(overrides), warnings: [] });

describe('the summary line: one per stack, saying what a deploy creates', () => {
  test('the defaults say what is off; the repopulate-application stack is not there', () => {
    expect(stackSummaries([tenant()], DEFAULT_SETTINGS)).toEqual([
      'defender-integration will deploy a Standard namespace of 2 throughput units, auto-inflate to 4 (SCWX-TDR-Namespace-CustomerName-eastus, 4 partitions): this deploy creates it with 2 throughput units; with the XDR application; alerts off (no alert_email in xdr.tfvars); network open to every address (no allowed_ip_ranges); state in a local file; destroy guards on; 0 tags',
    ]);
  });

  test('the repopulate-application stack, when asked for, says it creates a new application and why it is there', () => {
    expect(stackSummaries([tenant()], { ...DEFAULT_SETTINGS, repopulateApplication: true })[1]).toBe(
      'repopulate-application will deploy the XDR application on its own (repopulate_application = true in xdr.tfvars): with no state of its own yet, a new application, service principal and secret (a new Client ID and secret for XDR, a new admin consent); state in a local file; destroy guards on; 0 tags',
    );
  });

  test('during cdktf destroy the line says "will destroy", and that the guards refuse it', () => {
    const lines = stackSummaries([tenant()], { ...DEFAULT_SETTINGS, repopulateApplication: true }, '.', 'destroy', true);
    expect(lines[0]).not.toMatch(/this deploy/);
    expect(lines[0]).toMatch(
      /^defender-integration will destroy a Standard namespace .*; destroy guards on, so Terraform refuses this destroy \(Instance cannot be destroyed; see help\/removal\.md\); 0 tags$/,
    );
    expect(lines[1]).toMatch(
      /^repopulate-application will destroy the XDR application on its own \(repopulate_application = true in xdr\.tfvars\); /,
    );
    expect(stackSummaries([tenant()], { ...DEFAULT_SETTINGS, allowDestroy: true }, '.', 'destroy', true)[0]).toMatch(
      /^defender-integration will destroy .*; destroy guards OFF \(XDR_ALLOW_DESTROY\); 0 tags$/,
    );
  });

  test.each([
    ['synth', true, 'will deploy'],
    ['diff', true, 'will deploy'],
    ['deploy', true, 'will deploy'],
    [undefined, false, 'will deploy'], // node main.ts: a synth for a later deploy
    [undefined, true, 'declares'], // run by cdktf, but /proc cannot tell the command: true for every command
  ])('cdktf %s (run by the CLI: %s): "%s"', (command, runByCli, phrase) => {
    expect(stackSummaries([tenant()], DEFAULT_SETTINGS, '.', command, runByCli)[0]).toMatch(
      new RegExp(`^defender-integration ${phrase} a Standard`),
    );
  });

  test.each([
    [PREMIUM, 'a Premium namespace of 4 processing units'],
    [DEDICATED, 'a Standard namespace on a dedicated cluster (Dedicated_1)'],
    [{ eventhub_throughput_inflate_cap: 2 }, 'a Standard namespace of 2 throughput units, auto-inflate off'],
    [REPLACEMENT, 'replacement: existing resource group, no application'],
  ])('%j: %s', (overrides, phrase) => {
    expect(stackSummaries([tenant(overrides)], DEFAULT_SETTINGS)[0]).toContain(phrase);
  });

  test('every setting that changes what is deployed shows, per tenant stack', () => {
    const lines = stackSummaries([tenant({}, 'acme')], {
      ...DEFAULT_SETTINGS,
      allowDestroy: true,
      adoptExisting: true,
      alertEmail: 'soc@example.com',
      allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'],
      xdrEgressRanges: ['192.0.2.64/26'],
      remoteState: { resourceGroupName: 'rg', storageAccountName: 'xdrtfstate01', containerName: 'tfstate', keyPrefix: 'customers/acme/' },
      tags: { owner: 'soc' },
      repopulateApplication: true,
    });
    expect(lines[0]).toMatch(
      /^acme-defender-integration will deploy .*; alerts on to soc@example.com; network limited to 2 IP ranges; XDR's addresses: 192.0.2.64\/26 \(xdr_egress_ranges\); adopting the existing deployment \(import blocks\); state in azurerm xdrtfstate01\/tfstate\/customers\/acme\/; destroy guards OFF \(XDR_ALLOW_DESTROY\); 1 tag$/,
    );
    expect(lines[1]).toMatch(/^acme-repopulate-application will deploy .*destroy guards OFF \(XDR_ALLOW_DESTROY\); 1 tag$/);
  });

  test.each<[string, Partial<typeof DEFAULT_SETTINGS>, string]>([
    ['no allow-list', {}, 'network open to every address (no allowed_ip_ranges)'],
    [
      "an allow-list with XDR's ranges",
      { allowedIpRanges: ['203.0.113.0/24'], xdrEgressRanges: ['192.0.2.64/26', '198.51.100.9'] },
      "network limited to 1 IP range; XDR's addresses: 192.0.2.64/26, 198.51.100.9 (xdr_egress_ranges)",
    ],
    [
      'an allow-list XDR reaches another way',
      { allowedIpRanges: ['203.0.113.0/24'], xdrEgressAcknowledged: true },
      "XDR's addresses: none added (xdr_egress_acknowledged: XDR reaches it through an address or route already allowed)",
    ],
  ])('network: %s', (_name, settings, phrase) => {
    expect(stackSummaries([tenant()], { ...DEFAULT_SETTINGS, ...settings })[0]).toContain(phrase);
  });
});

describe('a repopulate-application state the settings no longer synthesize', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'recovery-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('holding resources (an earlier release, or a replacement moved the application there): a warning saying what to add', () => {
    const outdir = join(dir, 'cdktf.out');
    writeFileSync(
      join(dir, 'terraform.acme-repopulate-application.tfstate'),
      JSON.stringify({ version: 4, resources: [{ type: 'azuread_application' }] }),
    );
    writeFileSync(join(dir, 'terraform.globex-repopulate-application.tfstate'), JSON.stringify({ version: 4, resources: [] }));
    const tenants = [tenant({}, 'acme'), tenant({}, 'globex')];
    expect(unmanagedRecoveryStates(tenants, DEFAULT_SETTINGS, outdir)).toEqual([
      `${relative(process.cwd(), join(dir, 'terraform.acme-repopulate-application.tfstate'))} holds the acme-repopulate-application stack's application, ` +
        'but repopulate_application is not set in xdr.tfvars: no cdktf command reaches that application (its secret is not rotated); ' +
        'add repopulate_application = true to xdr.tfvars',
    ]);
    expect(unmanagedRecoveryStates(tenants, { ...DEFAULT_SETTINGS, repopulateApplication: true }, outdir)).toEqual([]);
  });
});

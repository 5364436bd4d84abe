/**
 * The import blocks as cdktf writes them to disk. A full synth runs cdktf's validations, and for a
 * stack with import blocks one of them starts `terraform version` (cdktf's ValidateBinaryVersion):
 * a process, so this is an integration test.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DEFAULT_SETTINGS } from '../../../lib/guide/config/settings';
import { DefenderIntegrationStack } from '../../../lib/guide/stacks/defender-integration-stack';
import { SUBSCRIPTION, guideVariables } from '../../helpers';

test('cdktf writes the import blocks at the top level of cdk.tf.json', () => {
  const settings = { ...DEFAULT_SETTINGS, adoptExisting: true };
  const stack = new DefenderIntegrationStack(Testing.app(), 'defender-integration', { variables: guideVariables(), settings });
  const outdir = Testing.fullSynth(stack);
  const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'defender-integration', 'cdk.tf.json'), 'utf8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  expect(written.import).toHaveLength(7);
  expect(written.import[0]).toEqual({
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/SCWX-TDR-RG`,
    to: 'azurerm_resource_group.resource-group',
  });
});

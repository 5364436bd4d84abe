import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse } from '@cdktf/hcl2json';
import { addGuideStacks } from '../../../lib/guide/app';
import { DEFAULT_SETTINGS } from '../../../lib/guide/config/settings';
import { REPLACEMENT, guideVariables } from '../../helpers';

/** Both stacks (and a replacement's) written by the app, as JSON or as HCL (`cdktf synth --hcl`). */
function written(hclOutput: boolean, file: string): Record<string, string> {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'tf-version-'));
  // as `cdktf synth --hcl` runs the app: the stacks' synthesizer reads only this variable
  process.env.SYNTH_HCL_OUTPUT = String(hclOutput);
  try {
    const app = new App({ outdir });
    addGuideStacks(app, guideVariables(), { ...DEFAULT_SETTINGS, repopulateApplication: true });
    addGuideStacks(app, guideVariables(REPLACEMENT), DEFAULT_SETTINGS, 'replacement-');
    app.synth();
    const stacks = ['defender-integration', 'repopulate-application', 'replacement-defender-integration'];
    return Object.fromEntries(stacks.map((s) => [s, readFileSync(path.join(outdir, 'stacks', s, file), 'utf8')]));
  } finally {
    delete process.env.SYNTH_HCL_OUTPUT;
    rmSync(outdir, { recursive: true, force: true });
  }
}

// (cdk.tf.json: every case of the upgrade test checks `terraform.required_version`)
describe('Terraform version floor in cdktf synth --hcl output', () => {
  test('HCL: in a terraform block of its own, and the file stays valid HCL', async () => {
    for (const [stack, text] of Object.entries(written(true, 'cdk.tf'))) {
      expect(text).not.toMatch(/^\s*0 = /m);
      const parsed = await parse(`${stack}.tf`, text);
      const versions = parsed.terraform.flatMap((block: any) => (block.required_version === undefined ? [] : [block.required_version]));
      expect(versions).toEqual(['>= 1.6.0']);
    }
  });
});

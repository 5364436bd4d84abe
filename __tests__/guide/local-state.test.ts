/**
 * The commands the tool tells an operator to run name the output folder the stacks are in: cdktf's CLI
 * sets the app's CDKTF_OUTDIR from its own --output, so an exported CDKTF_OUTDIR does not reach a synth.
 */
import * as path from 'path';
import { cdktfCommand, outputFolder, projectCommand } from '../../lib/guide/local-state';

describe('commands for an output folder', () => {
  test('cdktf.out needs no option', () => {
    expect(cdktfCommand('deploy', ['defender-integration'], 'cdktf.out')).toBe('npx cdktf deploy defender-integration');
    expect(cdktfCommand('synth', [], 'cdktf.out')).toBe('npx cdktf synth');
    expect(projectCommand('values', 'cdktf.out')).toBe('npm run values');
    // the same folder written out in full, as --output or CDKTF_OUTDIR may name it
    expect(cdktfCommand('deploy', [], path.resolve('cdktf.out'))).toBe('npx cdktf deploy');
    expect(projectCommand('values', `./cdktf.out/`)).toBe('npm run values');
  });

  test("another folder is passed with --output, after npm's -- for the project scripts", () => {
    expect(cdktfCommand('deploy', ['acme-defender-integration', 'globex-defender-integration'], 'cdktf.out.replacement')).toBe(
      'npx cdktf deploy acme-defender-integration globex-defender-integration --output cdktf.out.replacement',
    );
    expect(projectCommand('values', 'cdktf.out.replacement')).toBe('npm run values -- --output cdktf.out.replacement');
    expect(projectCommand('health', '/tmp/out')).toBe('npm run health -- --output /tmp/out');
  });

  test('a folder name a shell would split is quoted, escaped as every echoed path', () => {
    expect(cdktfCommand('diff', ['defender-integration'], 'my out')).toBe("npx cdktf diff defender-integration --output 'my out'");
  });

  test('an empty CDKTF_OUTDIR counts as unset', () => {
    expect(outputFolder({ CDKTF_OUTDIR: '' })).toBe('cdktf.out');
    expect(outputFolder({ CDKTF_OUTDIR: 'elsewhere' })).toBe('elsewhere');
  });
});

/**
 * What the app can tell about the cdktf CLI that runs it. `cdktf synth` (cli-core's SynthStack)
 * runs the app with SYNTH_HCL_OUTPUT ("true" or "false") and CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS
 * set; a user running `node main.ts` has neither.
 */
export function runByCdktfCli(env: NodeJS.ProcessEnv): boolean {
  return env.SYNTH_HCL_OUTPUT !== undefined && env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

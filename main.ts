/** The app `cdktf synth` runs (cdktf.json); the guide app itself is lib/guide/run.ts. */
import { runGuideApp } from './lib/guide/run';

runGuideApp(process.env, __dirname).then((code) => {
  process.exitCode = code;
});

// The construct library: constructs with their props, the sizing model and the pure validation rules.
// Importing it has no side effects and loads only the provider modules the constructs use; the guide
// app (stacks from terraform.tfvars, settings, atomic synth, diagram) is the subpath `./guide`.
export * from './eventhub/eventhub-namespace';
export * from './eventhub/defender-consumer';
export * from './entra/xdr-application';
export * from './monitoring/scaling-alerts';
export * from './monitoring/thresholds';
export * from './rules/limits';
export * from './rules/naming';
export { DEFAULT_SECRET_LIFETIME_DAYS, DEFAULT_SECRET_ROTATION_DAYS, MAX_SECRET_LIFETIME_DAYS } from './rules/secret';
export { InvalidSettingsError } from './rules/errors';
export * from './sizing/recommend';
export * from './sizing/capacity';
export * from './sizing/props';

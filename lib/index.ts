// The public API. Importing it has no side effects and loads only the provider modules it uses.
export * from './eventhub/eventhub-namespace';
export * from './eventhub/defender-consumer';
export * from './entra/xdr-application';
export * from './stacks/defender-integration-stack';
export * from './stacks/repopulate-application-stack';
export * from './config/variables';
export * from './config/settings';
export * from './config/tfvars';
export * from './rules/limits';
export * from './rules/naming';
export { InvalidSettingsError } from './rules/errors';
export { addGuideStacks, DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK } from './app';

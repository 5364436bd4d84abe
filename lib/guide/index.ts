/**
 * The guide app as a library (`xdr-defender-eventhub/guide`): the guide's two stacks built from
 * validated terraform.tfvars variables and deployment settings, the readers of those files, the
 * atomic synth, adoption of a zip deployment, and the Mermaid diagram. The CLIs are not exported.
 *
 * @packageDocumentation
 */
export * from './stacks/defender-integration-stack';
export * from './stacks/repopulate-application-stack';
export { applicationProps } from './stacks/application-props';
export { applicationOutputs, eventHubOutputs } from './stacks/outputs';
export { useStateBackend, useAzurermState, remoteStateKey } from './stacks/remote-state';
export { useRelativeLocalState } from './stacks/state';
export * from './diagram/mermaid';
export * from './config/variables';
export * from './config/settings';
export * from './config/tfvars';
export * from './config/tenants';
export type { PathSetting } from './config/paths';
export * from './sizing/check';
export * from './sizing/tfvars-block';
export * from './adoption/azure-ids';
export { adoptGuideDeployment, adoptApplication, NOT_IMPORTED, type AdoptableDeployment } from './adoption/adoption';
export { addGuideStacks, addTenantStacks, synthesizeAtomically, DEFENDER_INTEGRATION_STACK, REPOPULATE_APPLICATION_STACK } from './app';

import { App } from 'cdktf';
import { DEFAULT_SETTINGS, DeploymentSettings } from './config/settings';
import { GuideVariables } from './config/variables';
import { DefenderIntegrationStack } from './stacks/defender-integration-stack';
import { RepopulateApplicationStack } from './stacks/repopulate-application-stack';

export const DEFENDER_INTEGRATION_STACK = 'defender-integration';
export const REPOPULATE_APPLICATION_STACK = 'repopulate-application';

/** The two stacks of the guide's two template sets, from one set of validated variables. */
export function addGuideStacks(app: App, variables: GuideVariables, settings: DeploymentSettings = DEFAULT_SETTINGS, stackPrefix = ''): void {
  new DefenderIntegrationStack(app, stackPrefix + DEFENDER_INTEGRATION_STACK, { variables, settings });
  new RepopulateApplicationStack(app, stackPrefix + REPOPULATE_APPLICATION_STACK, { tenantId: variables.azure_tenant_id, settings });
}

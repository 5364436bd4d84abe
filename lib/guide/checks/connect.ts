/**
 * How the commands reach Azure: one credential for the whole run (DefaultAzureCredential: Cloud
 * Shell's sign-in, `az login`, or CI's environment and workload identity), and clients per
 * subscription. Tests pass their own `Connect`, pointed at a local server.
 */
import type { AzureClients } from '../../azure/checks/clients';

export type Connect = (subscriptionId: string) => AzureClients;

export function connectToAzure(): Connect {
  // loaded here, not at import: the module is cheap, the SDK it loads is not
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createAzureClients, defaultCredential } = require('../../azure/checks/clients') as typeof import('../../azure/checks/clients');
  const credential = defaultCredential();
  return (subscriptionId) => createAzureClients(credential, subscriptionId);
}

/**
 * Preflight and health checks of a Defender-to-XDR stream in Azure, for reuse outside the guide app
 * (`xdr-defender-eventhub/checks`): each check takes the SDK clients and returns a CheckResult. The
 * Azure SDK packages are optional peer dependencies, loaded by createAzureClients/defaultCredential.
 */
export * from './result';
export * from './clients';
export * from './identity';
export * from './permissions';
export * from './preflight';
export * from './metrics';
export * from './health';

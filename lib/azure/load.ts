/**
 * Provider modules of what a stack opts into (locks, grants, diagnostics, private endpoints, existing
 * namespaces, dedicated clusters, scaling alerts), loaded on first use: each is a large generated
 * module, and a stack that never uses the feature, such as the guide app's default, should not pay
 * for loading it.
 */
import type * as ManagementLockModule from '@cdktf/provider-azurerm/lib/management-lock';
import type * as RoleAssignmentModule from '@cdktf/provider-azurerm/lib/role-assignment';
import type * as DiagnosticSettingModule from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type * as PrivateEndpointModule from '@cdktf/provider-azurerm/lib/private-endpoint';
import type * as SecurityGroupAssociationModule from '@cdktf/provider-azurerm/lib/private-endpoint-application-security-group-association';
import type * as CustomerManagedKeyModule from '@cdktf/provider-azurerm/lib/eventhub-namespace-customer-managed-key';
import type * as NamespaceDataModule from '@cdktf/provider-azurerm/lib/data-azurerm-eventhub-namespace';
import type * as ClusterModule from '@cdktf/provider-azurerm/lib/eventhub-cluster';
import type * as ActionGroupModule from '@cdktf/provider-azurerm/lib/monitor-action-group';
import type * as MetricAlertModule from '@cdktf/provider-azurerm/lib/monitor-metric-alert';

/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading is the point of this module */
export const loadManagementLock = (): typeof ManagementLockModule => require('@cdktf/provider-azurerm/lib/management-lock');
export const loadRoleAssignment = (): typeof RoleAssignmentModule => require('@cdktf/provider-azurerm/lib/role-assignment');
export const loadDiagnosticSetting = (): typeof DiagnosticSettingModule =>
  require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting');
export const loadPrivateEndpoint = (): typeof PrivateEndpointModule => require('@cdktf/provider-azurerm/lib/private-endpoint');
export const loadSecurityGroupAssociation = (): typeof SecurityGroupAssociationModule =>
  require('@cdktf/provider-azurerm/lib/private-endpoint-application-security-group-association');
export const loadCustomerManagedKey = (): typeof CustomerManagedKeyModule =>
  require('@cdktf/provider-azurerm/lib/eventhub-namespace-customer-managed-key');
export const loadNamespaceData = (): typeof NamespaceDataModule => require('@cdktf/provider-azurerm/lib/data-azurerm-eventhub-namespace');
export const loadEventhubCluster = (): typeof ClusterModule => require('@cdktf/provider-azurerm/lib/eventhub-cluster');
export const loadActionGroup = (): typeof ActionGroupModule => require('@cdktf/provider-azurerm/lib/monitor-action-group');
export const loadMetricAlert = (): typeof MetricAlertModule => require('@cdktf/provider-azurerm/lib/monitor-metric-alert');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Provider modules of the optional features (locks, grants, diagnostics, private endpoints, existing
 * namespaces), loaded on first use: each weighs as much as a construct's whole synth, and a stack that
 * never calls the feature, such as the guide app's, should not pay for it.
 */
import type * as ManagementLockModule from '@cdktf/provider-azurerm/lib/management-lock';
import type * as RoleAssignmentModule from '@cdktf/provider-azurerm/lib/role-assignment';
import type * as DiagnosticSettingModule from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type * as PrivateEndpointModule from '@cdktf/provider-azurerm/lib/private-endpoint';
import type * as NamespaceDataModule from '@cdktf/provider-azurerm/lib/data-azurerm-eventhub-namespace';

/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading is the point of this module */
export const loadManagementLock = (): typeof ManagementLockModule => require('@cdktf/provider-azurerm/lib/management-lock');
export const loadRoleAssignment = (): typeof RoleAssignmentModule => require('@cdktf/provider-azurerm/lib/role-assignment');
export const loadDiagnosticSetting = (): typeof DiagnosticSettingModule =>
  require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting');
export const loadPrivateEndpoint = (): typeof PrivateEndpointModule => require('@cdktf/provider-azurerm/lib/private-endpoint');
export const loadNamespaceData = (): typeof NamespaceDataModule => require('@cdktf/provider-azurerm/lib/data-azurerm-eventhub-namespace');
/* eslint-enable @typescript-eslint/no-require-imports */

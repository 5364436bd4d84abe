import { AzurermBackend, TerraformBackend, TerraformStack } from 'cdktf';
import { RemoteStateSettings } from '../config/settings';
import { useRelativeLocalState } from './state';

/**
 * Where a stack keeps its state: the relative local file by default, or, when remote state is
 * configured (XDR_STATE_*), a blob in an Azure storage account that a team shares, with Terraform's
 * blob-lease locking. The same `stateFileName` names the local file and the blob, so a replacement
 * deployment keeps its own state in both places.
 */
export function useStateBackend(stack: TerraformStack, stateFileName: string, remote?: RemoteStateSettings): TerraformBackend {
  return remote === undefined ? useRelativeLocalState(stack, stateFileName) : useAzurermState(stack, stateFileName, remote);
}

/**
 * The azurerm backend signing in with Entra ID (`use_azuread_auth`): no storage account key is read
 * or written anywhere; the signed-in identity needs the Storage Blob Data Contributor role.
 */
export function useAzurermState(stack: TerraformStack, stateFileName: string, remote: RemoteStateSettings): AzurermBackend {
  return new AzurermBackend(stack, {
    resourceGroupName: remote.resourceGroupName,
    storageAccountName: remote.storageAccountName,
    containerName: remote.containerName,
    key: remoteStateKey(remote.keyPrefix, stateFileName),
    useAzureadAuth: true,
  });
}

/** `<prefix>/<state file name>`: one folder of blobs per prefix, one blob per stack. */
export function remoteStateKey(keyPrefix: string, stateFileName: string): string {
  const prefix = keyPrefix.replace(/\/+$/, '');
  return prefix === '' ? stateFileName : `${prefix}/${stateFileName}`;
}

/**
 * Azure public-cloud regions a resource can be deployed to: the physical locations that
 * `az account list-locations` returns, without the logical ones (`europe`, `global`…, which hold no
 * resources) and without the canary (`*euap`) and staging (`*stg`) locations customers do not use.
 *
 * Source: modules/cached-data/locations.tf.json of github.com/Azure/terraform-azurerm-avm-utl-regions
 * (Microsoft's Azure Verified Modules regions utility, which caches `az account list-locations`),
 * as of its commit e9d62409 of 2026-03-12. A region Azure opened after that date is refused until
 * this table is updated; `az account list-locations -o table` lists the current ones.
 */
import { checkPattern, problem } from './checks';
import { nearest } from './suggest';

/** Region code → display name. */
export const AZURE_PUBLIC_REGIONS: Readonly<Record<string, string>> = {
  australiacentral: 'Australia Central',
  australiacentral2: 'Australia Central 2',
  australiaeast: 'Australia East',
  australiasoutheast: 'Australia Southeast',
  austriaeast: 'Austria East',
  belgiumcentral: 'Belgium Central',
  brazilsouth: 'Brazil South',
  brazilsoutheast: 'Brazil Southeast',
  canadacentral: 'Canada Central',
  canadaeast: 'Canada East',
  centralindia: 'Central India',
  centralus: 'Central US',
  chilecentral: 'Chile Central',
  denmarkeast: 'Denmark East',
  eastasia: 'East Asia',
  eastus: 'East US',
  eastus2: 'East US 2',
  francecentral: 'France Central',
  francesouth: 'France South',
  germanynorth: 'Germany North',
  germanywestcentral: 'Germany West Central',
  indonesiacentral: 'Indonesia Central',
  israelcentral: 'Israel Central',
  italynorth: 'Italy North',
  japaneast: 'Japan East',
  japanwest: 'Japan West',
  jioindiacentral: 'Jio India Central',
  jioindiawest: 'Jio India West',
  koreacentral: 'Korea Central',
  koreasouth: 'Korea South',
  malaysiawest: 'Malaysia West',
  mexicocentral: 'Mexico Central',
  newzealandnorth: 'New Zealand North',
  northcentralus: 'North Central US',
  northeurope: 'North Europe',
  norwayeast: 'Norway East',
  norwaywest: 'Norway West',
  polandcentral: 'Poland Central',
  qatarcentral: 'Qatar Central',
  southafricanorth: 'South Africa North',
  southafricawest: 'South Africa West',
  southcentralus: 'South Central US',
  southeastasia: 'Southeast Asia',
  southindia: 'South India',
  spaincentral: 'Spain Central',
  swedencentral: 'Sweden Central',
  switzerlandnorth: 'Switzerland North',
  switzerlandwest: 'Switzerland West',
  uaecentral: 'UAE Central',
  uaenorth: 'UAE North',
  uksouth: 'UK South',
  ukwest: 'UK West',
  westcentralus: 'West Central US',
  westeurope: 'West Europe',
  westindia: 'West India',
  westus: 'West US',
  westus2: 'West US 2',
  westus3: 'West US 3',
  // restricted-access region (not in every subscription's list) that the guide names among its supported ones
  swedensouth: 'Sweden South',
};

export function isAzurePublicRegion(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(AZURE_PUBLIC_REGIONS, code);
}

/** The region code closest to `code`, when it is close enough to be a typo. */
export function closestRegion(code: string): string | undefined {
  return nearest(code.toLowerCase().replace(/[\s_-]/g, ''), Object.keys(AZURE_PUBLIC_REGIONS), 3);
}

const REGION_CODE = /^[a-z][a-z0-9]*$/;

/**
 * `azure_region` is the code of an Azure public-cloud region (the table above); "sb" and "mgmt"
 * would also end the namespace name in a suffix Azure reserves.
 */
export function checkAzureRegion(azureRegion: string): string | undefined {
  if (/^(sb|mgmt)$/.test(azureRegion)) {
    return problem('azure_region', azureRegion, 'is not an Azure region code, and would end the namespace name in a suffix Azure reserves');
  }
  if (isAzurePublicRegion(azureRegion)) return undefined;
  // the search for a look-alike only for a code that is not one (a 1,000-tenant synth checks 1,000 codes)
  const suggestion = closestRegion(azureRegion);
  const hint = suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)} (${AZURE_PUBLIC_REGIONS[suggestion]})?`;
  return (
    checkPattern(
      'azure_region',
      azureRegion,
      REGION_CODE,
      `must be an Azure region code in lower case with no spaces, such as "eastus" or "westeurope" (az account list-locations -o table lists them)${hint}`,
    ) ??
    problem('azure_region', azureRegion, `is not an Azure public-cloud region${hint || ' (az account list-locations -o table lists them)'}`)
  );
}

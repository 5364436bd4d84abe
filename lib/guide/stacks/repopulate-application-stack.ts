import { Construct } from 'constructs';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { DEFAULT_SETTINGS, DeploymentSettings } from '../config/settings';
import { XdrApplication } from '../../entra/xdr-application';
import { applicationProps } from './application-props';
import { applicationOutputs } from './outputs';
import { useStateBackend } from './remote-state';
import { stateFileName } from '../local-state';
import { VersionedStack } from './terraform-version';

/** Props of a `RepopulateApplicationStack`: the tenant and the deployment settings. */
export interface RepopulateApplicationStackProps {
  /** Entra ID tenant the application is recreated in (the guide edits only this variable). */
  readonly tenantId: string;
  /** Settings beyond the guide's variables. @default DEFAULT_SETTINGS */
  readonly settings?: DeploymentSettings;
}

/**
 * The guide's second template set (help/guide-facts.md#the-second-template-set): recreates the XDR application, its service principal
 * and secret after the old application was deleted. Touches no Event Hubs resource.
 */
export class RepopulateApplicationStack extends VersionedStack {
  /** The recreated XDR application, with its service principal and client secret. */
  readonly application: XdrApplication;

  constructor(scope: Construct, id: string, props: RepopulateApplicationStackProps) {
    super(scope, id);
    useStateBackend(this, stateFileName(id), props.settings?.remoteState);
    new AzureadProvider(this, 'azuread', { tenantId: props.tenantId });
    this.application = new XdrApplication(
      this,
      'xdr-application',
      applicationProps(props.tenantId, props.settings ?? DEFAULT_SETTINGS, id),
    );
    applicationOutputs(this, this.application);
  }
}

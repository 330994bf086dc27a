import { LightningElement, api } from 'lwc';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Settings_Title';
import CONNECTOR_USER from '@salesforce/label/c.Settings_ConnectorUser';
import CONNECTED_APP from '@salesforce/label/c.Settings_ConnectedApp';
import PLATFORM_BASE_URL from '@salesforce/label/c.Settings_PlatformBaseUrl';
import INTEGRATION_PERMISSION_SET from '@salesforce/label/c.Settings_IntegrationPermissionSet';
import CSM_EMAIL_FIELD from '@salesforce/label/c.Settings_CsmEmailField';
import CSM_SYNC from '@salesforce/label/c.Settings_CsmSync';
import ON from '@salesforce/label/c.Settings_On';
import OFF from '@salesforce/label/c.Settings_Off';
import LAST_HEARTBEAT from '@salesforce/label/c.Settings_LastHeartbeat';
import NOT_CONFIGURED from '@salesforce/label/c.Settings_NotConfigured';
import NEVER from '@salesforce/label/c.Settings_Never';
import SECRETS from '@salesforce/label/c.Settings_Secrets';
import SECRET_SET from '@salesforce/label/c.Settings_SecretSet';
import SECRET_SET_NO_USER from '@salesforce/label/c.Settings_SecretSetNoUser';
import SECRET_NOT_SET from '@salesforce/label/c.Settings_SecretNotSet';

/** The connector settings card. Secrets arrive without values and are shown as set or not set. */
export default class SettingsSummary extends LightningElement {
  /** SettingsView of the contract. */
  @api settings;
  /** The connector user's name (ConnectionView.displayName): people are named, not shown as ids. */
  @api connectorUserName;

  label = { title: TITLE, secrets: SECRETS };

  get items() {
    const settings = this.settings ?? {};
    const orNotConfigured = (value) => value || NOT_CONFIGURED;
    return [
      {
        key: 'connectorUser',
        label: CONNECTOR_USER,
        value: orNotConfigured(settings.connectorUserId ? this.connectorUserName || settings.connectorUserId : null)
      },
      { key: 'connectedApp', label: CONNECTED_APP, value: orNotConfigured(settings.connectedAppName) },
      { key: 'platformBaseUrl', label: PLATFORM_BASE_URL, value: orNotConfigured(settings.platformBaseUrl) },
      {
        key: 'integrationPermissionSet',
        label: INTEGRATION_PERMISSION_SET,
        value: orNotConfigured(settings.integrationPermissionSetName)
      },
      { key: 'csmEmailField', label: CSM_EMAIL_FIELD, value: orNotConfigured(settings.csmEmailField) },
      { key: 'csmSync', label: CSM_SYNC, value: settings.csmSyncEnabled ? ON : OFF },
      {
        key: 'lastHeartbeat',
        label: LAST_HEARTBEAT,
        value: settings.lastHeartbeat ? formatDateTime(settings.lastHeartbeat) : NEVER
      }
    ].map((item) => ({ ...item, labelKey: `${item.key}-label`, valueKey: `${item.key}-value` }));
  }

  get secrets() {
    return (this.settings?.secrets ?? []).map((secret) => ({
      key: secret.name,
      label: secret.label,
      isSet: secret.isSet,
      status: this.secretStatus(secret),
      iconName: secret.isSet ? 'utility:lock' : 'utility:unlock'
    }));
  }

  secretStatus(secret) {
    if (!secret.isSet) {
      return SECRET_NOT_SET;
    }
    const when = formatDateTime(secret.setAt);
    return secret.setBy ? formatLabel(SECRET_SET, when, secret.setBy) : formatLabel(SECRET_SET_NO_USER, when);
  }
}

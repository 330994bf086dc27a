import { LightningElement, api } from 'lwc';
import saveSettings from '@salesforce/apex/AdminHomeController.saveSettings';
import { act, showToast } from 'c/cardAction';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.SettingsForm_Title';
import SAVE from '@salesforce/label/c.SettingsForm_Save';
import RESET from '@salesforce/label/c.SettingsForm_Reset';
import SAVING from '@salesforce/label/c.SettingsForm_Saving';
import SAVE_FAILED from '@salesforce/label/c.SettingsForm_SaveFailed';
import FIX_FIELDS from '@salesforce/label/c.SettingsForm_FixFields';
import SECRETS_HEADING from '@salesforce/label/c.SettingsForm_SecretsHeading';
import SECRET_PLACEHOLDER from '@salesforce/label/c.SettingsForm_SecretPlaceholder';
import HTTPS_HELP from '@salesforce/label/c.SettingsForm_HttpsHelp';
import CONNECTED_APP from '@salesforce/label/c.Settings_ConnectedApp';
import PLATFORM_BASE_URL from '@salesforce/label/c.Settings_PlatformBaseUrl';
import CONSUMER_KEY from '@salesforce/label/c.Settings_ConsumerKey';
import CALLBACK_URL from '@salesforce/label/c.Settings_CallbackUrl';
import INTEGRATION_PERMISSION_SET from '@salesforce/label/c.Settings_IntegrationPermissionSet';
import SECRET_SET from '@salesforce/label/c.Settings_SecretSet';
import SECRET_SET_NO_USER from '@salesforce/label/c.Settings_SecretSetNoUser';
import SECRET_NOT_SET from '@salesforce/label/c.Settings_SecretNotSet';
import ALERTS_MUTED from '@salesforce/label/c.Settings_AlertsMuted';
import ALERT_EMAIL from '@salesforce/label/c.Settings_AlertEmail';
import ALERT_DIGEST from '@salesforce/label/c.Settings_AlertDigest';
import ALERTS_HELP from '@salesforce/label/c.SettingsForm_AlertsHelp';

const FIELDS = [
  { key: 'connectedAppName', label: CONNECTED_APP, type: 'text', required: true, maxLength: 255 },
  { key: 'platformBaseUrl', label: PLATFORM_BASE_URL, type: 'url', required: true, maxLength: 255, help: HTTPS_HELP },
  { key: 'consumerKey', label: CONSUMER_KEY, type: 'text', required: true, maxLength: 255 },
  { key: 'callbackUrl', label: CALLBACK_URL, type: 'url', required: true, maxLength: 255, help: HTTPS_HELP },
  {
    key: 'integrationPermissionSetName',
    label: INTEGRATION_PERMISSION_SET,
    type: 'text',
    required: false,
    maxLength: 80
  }
];

// Alert channels: shown only when the server reports them (a server from before alerts leaves them out).
const ALERT_FIELDS = [
  { key: 'alertsMuted', label: ALERTS_MUTED, type: 'checkbox', help: ALERTS_HELP },
  { key: 'alertEmail', label: ALERT_EMAIL, type: 'checkbox' },
  { key: 'alertDigest', label: ALERT_DIGEST, type: 'checkbox' }
];

/**
 * The settings form. The server validates (saveSettings: nothing saved unless every field is valid) and
 * its fieldErrors are shown on the fields. Secrets are write-only: the inputs start empty, a blank one
 * keeps the stored secret, and only "set on <date> by <user>" is ever shown.
 */
export default class ConnectorSettings extends LightningElement {
  /** SettingsView of the contract. */
  @api settings;
  @api canManage = false;

  label = { title: TITLE, save: SAVE, reset: RESET, saving: SAVING, secretsHeading: SECRETS_HEADING };

  isSaving = false;
  /** Errors the server reported for keys without a field here. */
  otherErrors;
  errorHeading = SAVE_FAILED;

  get fields() {
    const settings = this.settings ?? {};
    const alertFields = ALERT_FIELDS.filter((field) => settings[field.key] !== undefined);
    return [...FIELDS, ...alertFields].map((field) => {
      if (field.type === 'checkbox') {
        return { ...field, checked: settings[field.key] === true };
      }
      return { ...field, value: settings[field.key] ?? '' };
    });
  }

  get secrets() {
    return (this.settings?.secrets ?? []).map((secret) => ({
      key: secret.name,
      label: secret.label,
      status: secretStatus(secret),
      placeholder: SECRET_PLACEHOLDER
    }));
  }

  get disabled() {
    return !this.canManage || this.isSaving;
  }

  // Fields stay enabled while saving: a disabled field is always valid, so its server error would not show.
  get fieldsDisabled() {
    return !this.canManage;
  }

  handleInput(event) {
    // A server error stays on its field until the value changes; it goes at once, not on blur, so the
    // form does not shift under a click on Save.
    event.target.setCustomValidity('');
    event.target.reportValidity();
  }

  handleReset() {
    this.inputs().forEach((input) => {
      const field = this.fields.find((candidate) => candidate.key === input.dataset.key);
      if (input.type === 'checkbox') {
        input.checked = field ? field.checked : false;
      } else {
        input.value = field ? field.value : '';
      }
      input.setCustomValidity('');
      input.reportValidity();
    });
    this.otherErrors = undefined;
  }

  async handleSave() {
    const inputs = this.inputs();
    inputs.forEach((input) => input.setCustomValidity(''));
    // Every field reports its error; focus goes to the first bad one.
    const invalid = inputs.filter((input) => !input.reportValidity());
    if (invalid.length > 0) {
      invalid[0].focus();
      this.toast(FIX_FIELDS, 'error', SAVE_FAILED);
      return;
    }
    const settings = {};
    const secrets = {};
    inputs.forEach((input) => {
      const value = typeof input.value === 'string' ? input.value.trim() : input.value;
      if (input.dataset.secret) {
        if (value) {
          secrets[input.dataset.key] = value;
        }
      } else if (input.type === 'checkbox') {
        settings[input.dataset.key] = input.checked === true;
      } else {
        settings[input.dataset.key] = value ?? '';
      }
    });
    this.otherErrors = undefined;
    await act(this, {
      call: () => saveSettings({ settings, secrets }),
      busy: 'isSaving',
      titles: { done: TITLE, failed: SAVE_FAILED },
      refresh: 'changed',
      onResult: (result) => {
        if (result.ok) {
          this.inputs()
            .filter((input) => input.dataset.secret)
            .forEach((input) => {
              input.value = '';
            });
        } else {
          this.showFieldErrors(result.fieldErrors ?? {});
        }
      },
      onError: (error) => {
        this.otherErrors = error;
      }
    });
  }

  showFieldErrors(fieldErrors) {
    const shown = new Set();
    let first;
    this.inputs().forEach((input) => {
      const message = fieldErrors[input.dataset.key];
      input.setCustomValidity(message ?? '');
      input.reportValidity();
      if (message) {
        shown.add(input.dataset.key);
        first = first ?? input;
      }
    });
    // A refused save moves focus to the first field the server named.
    first?.focus();
    const rest = Object.entries(fieldErrors)
      .filter(([key]) => !shown.has(key))
      .map(([key, message]) => `${key}: ${message}`);
    this.otherErrors = rest.length > 0 ? rest : undefined;
  }

  inputs() {
    return Array.from(this.template.querySelectorAll('lightning-input[data-key]'));
  }

  toast(message, variant, title) {
    showToast(this, { title: title ?? TITLE, message, variant });
  }
}

function secretStatus(secret) {
  if (!secret.isSet) {
    return SECRET_NOT_SET;
  }
  const when = formatDateTime(secret.setAt);
  return secret.setBy ? formatLabel(SECRET_SET, when, secret.setBy) : formatLabel(SECRET_SET_NO_USER, when);
}

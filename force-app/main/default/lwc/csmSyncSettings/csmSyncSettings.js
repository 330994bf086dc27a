import { LightningElement, api } from 'lwc';
import getCsmFieldOptions from '@salesforce/apex/AdminHomeController.getCsmFieldOptions';
import saveCsmSettings from '@salesforce/apex/AdminHomeController.saveCsmSettings';
import { act, showError } from 'c/cardAction';
import TITLE from '@salesforce/label/c.Csm_Title';
import EMAIL_FIELD from '@salesforce/label/c.Csm_EmailField';
import EMAIL_FIELD_PLACEHOLDER from '@salesforce/label/c.Csm_EmailFieldPlaceholder';
import EMAIL_FIELD_HELP from '@salesforce/label/c.Csm_EmailFieldHelp';
import ENABLED from '@salesforce/label/c.Csm_Enabled';
import ENABLED_HELP from '@salesforce/label/c.Csm_EnabledHelp';
import ON from '@salesforce/label/c.Csm_On';
import OFF from '@salesforce/label/c.Csm_Off';
import SAVE from '@salesforce/label/c.Csm_Save';
import TOAST_ERROR from '@salesforce/label/c.Csm_ToastError';

/**
 * CSM sync settings: the Account field holding the CSM's email and the daily sync switch. Raises `busy` (detail:
 * true/false) around the save, `saved` and `refresh` after it.
 */
export default class CsmSyncSettings extends LightningElement {
  /** CsmView of the contract. */
  @api csm;
  @api canManage = false;
  /** Another CSM action is running. */
  @api busy = false;

  label = {
    emailField: EMAIL_FIELD,
    emailFieldPlaceholder: EMAIL_FIELD_PLACEHOLDER,
    emailFieldHelp: EMAIL_FIELD_HELP,
    enabled: ENABLED,
    enabledHelp: ENABLED_HELP,
    on: ON,
    off: OFF,
    save: SAVE
  };

  fieldOptions = [];
  /** Field and switch as edited; undefined = as saved. */
  draftField;
  draftEnabled;

  connectedCallback() {
    this.loadFieldOptions();
  }

  async loadFieldOptions() {
    try {
      const options = await getCsmFieldOptions();
      this.fieldOptions = options.map((option) => ({
        label: `${option.label} (${option.value})`,
        value: option.value
      }));
    } catch (error) {
      showError(this, error, TOAST_ERROR);
    }
  }

  get selectedField() {
    return this.draftField ?? this.csm?.emailField ?? null;
  }

  get isEnabled() {
    return this.draftEnabled ?? this.csm?.enabled ?? false;
  }

  get isReadOnly() {
    return !this.canManage;
  }

  get fieldError() {
    return this.draftField === undefined ? (this.csm?.emailFieldError ?? null) : null;
  }

  get isUnsaved() {
    return this.draftField !== undefined || this.draftEnabled !== undefined;
  }

  get saveDisabled() {
    return this.isReadOnly || this.busy || !this.isUnsaved;
  }

  handleFieldChange(event) {
    this.draftField = event.detail.value;
  }

  handleEnabledChange(event) {
    this.draftEnabled = event.target.checked;
  }

  async handleSave() {
    await act(this, {
      call: () => saveCsmSettings({ fieldName: this.selectedField, enabled: this.isEnabled }),
      busy: (on) => this.dispatchEvent(new CustomEvent('busy', { detail: on })),
      titles: { done: TITLE, error: TOAST_ERROR },
      onResult: () => {
        this.draftField = undefined;
        this.draftEnabled = undefined;
        this.dispatchEvent(new CustomEvent('saved'));
      }
    });
  }
}

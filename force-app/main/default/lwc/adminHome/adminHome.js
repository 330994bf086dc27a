import { LightningElement } from 'lwc';
import getAdminHome from '@salesforce/apex/AdminHomeController.getAdminHome';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.AdminHome_Title';
import SUBTITLE from '@salesforce/label/c.AdminHome_Subtitle';
import REFRESH from '@salesforce/label/c.AdminHome_Refresh';
import LOADING from '@salesforce/label/c.AdminHome_Loading';
import UPDATED_AT from '@salesforce/label/c.AdminHome_UpdatedAt';
import READ_ONLY from '@salesforce/label/c.AdminHome_ReadOnly';
import LOAD_ERROR from '@salesforce/label/c.AdminHome_LoadError';

/**
 * Admin Home: loads the whole page with one Apex call and hands each card its part.
 * Cards are small children with @api properties, so new capabilities slot in as new cards.
 */
export default class AdminHome extends LightningElement {
  label = { title: TITLE, subtitle: SUBTITLE, refresh: REFRESH, loading: LOADING, loadError: LOAD_ERROR };

  /** AdminHome of the contract; kept while a refresh runs or fails. */
  home;
  error;
  isLoading = false;

  connectedCallback() {
    this.load();
  }

  handleRefresh() {
    this.load();
  }

  async load() {
    this.isLoading = true;
    try {
      this.home = await getAdminHome();
      this.error = undefined;
    } catch (error) {
      this.error = error;
    } finally {
      this.isLoading = false;
    }
  }

  get updatedAt() {
    return this.home ? formatLabel(UPDATED_AT, formatDateTime(this.home.generatedAt)) : '';
  }

  get showReadOnlyNotice() {
    return this.home ? !this.home.canManage : false;
  }

  get readOnlyNotice() {
    return READ_ONLY;
  }

  /** Section name → why the running user cannot see it (AdminHome.unreadable); such a card shows the reason. */
  get unreadable() {
    const bySection = {};
    for (const entry of this.home?.unreadable ?? []) {
      bySection[entry.section] = entry.message;
    }
    return bySection;
  }
}

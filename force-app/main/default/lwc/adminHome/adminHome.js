import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import getAdminHome from '@salesforce/apex/AdminHomeController.getAdminHome';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import { DEFAULT_SECTION, SECTIONS, SECTION_LABELS, countFindings, sectionStateKey } from 'c/adminSections';
import TITLE from '@salesforce/label/c.AdminHome_Title';
import SUBTITLE from '@salesforce/label/c.AdminHome_Subtitle';
import REFRESH from '@salesforce/label/c.AdminHome_Refresh';
import LOADING from '@salesforce/label/c.AdminHome_Loading';
import UPDATED_AT from '@salesforce/label/c.AdminHome_UpdatedAt';
import READ_ONLY from '@salesforce/label/c.AdminHome_ReadOnly';
import LOAD_ERROR from '@salesforce/label/c.AdminHome_LoadError';
import SECTION_WITH_COUNT from '@salesforce/label/c.AdminHome_SectionWithCount';
import SETUP_RESUME from '@salesforce/label/c.Setup_Resume';

/** The card in a section that can bring one of its rows into view (`reveal(row)`), by the row's prefix. */
const REVEALERS = {
  user: () => 'c-integration-user-audit',
  connection: (row) => (row.startsWith('token-') ? 'c-oauth-usage' : 'c-connection'),
  jobs: () => 'c-scheduled-jobs'
};
/** A section's content renders when its tab opens: wait this many frames for the card. */
const REVEAL_ATTEMPTS = 20;

function nextFrame() {
  return new Promise((resolve) => {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- waits for the tab's content to render, then stops
    requestAnimationFrame(() => resolve());
  });
}

/**
 * Admin Home: loads the whole page with one Apex call and hands each card its part. The verdict stays on top;
 * the cards sit in sections (tabs) whose labels count their findings; the open section is kept in the URL.
 */
export default class AdminHome extends NavigationMixin(LightningElement) {
  label = {
    title: TITLE,
    subtitle: SUBTITLE,
    refresh: REFRESH,
    loading: LOADING,
    loadError: LOAD_ERROR,
    resume: SETUP_RESUME
  };

  /** AdminHome of the contract; kept while a refresh runs or fails. */
  home;
  error;
  isLoading = false;
  /** The number of the latest load: a reply to an older one is dropped. */
  loadRequest = 0;
  /** The open section: from the URL state, else the overview. */
  section = DEFAULT_SECTION;
  pageReference;
  /** The admin chose "Show all of Admin Home" while the guided setup was open. */
  setupDismissed = false;
  /** Where focus goes once the page has rendered: 'title' (the page heading) or 'setup' (the guided setup). */
  focusTarget = null;

  /**
   * platform-rule: lwc-page-state-namespaced — the section lives in the page state under a namespaced key; the view
   * is not re-created when only the query string changes, so the page follows CurrentPageReference.
   */
  @wire(CurrentPageReference)
  handlePageReference(pageReference) {
    this.pageReference = pageReference;
    const value = pageReference?.state?.[sectionStateKey(pageReference)];
    this.section = SECTIONS.includes(value) ? value : DEFAULT_SECTION;
    // A link or reload that names a section lands on it, past the guided setup ("Show all" writes one).
    this.setupDismissed = SECTIONS.includes(value);
  }

  connectedCallback() {
    this.load();
  }

  handleRefresh() {
    this.load();
  }

  /**
   * Loads the page. Two loads can overlap (Refresh pressed while a card's action reloads it) and their replies can
   * come back in either order: only the latest load's reply (page or error) is shown, so an older reply never
   * replaces a newer page.
   */
  async load() {
    const request = ++this.loadRequest;
    this.isLoading = true;
    const wasSetup = this.showSetup;
    let home;
    let error;
    try {
      home = await getAdminHome();
    } catch (caught) {
      error = caught;
    }
    if (request !== this.loadRequest) {
      return;
    }
    this.isLoading = false;
    if (error) {
      this.error = error;
      return;
    }
    this.home = home;
    this.error = undefined;
    if (wasSetup && !this.showSetup) {
      // The last step is done: the guided setup ends by itself and focus moves to the page it leaves for.
      this.focusTarget = 'title';
    }
  }

  /**
   * The guided first-run setup replaces the sections while the connector was never set up and a step is left
   * (AdminHome.setup, FirstRunSetupService), for an admin who can act on it and has not asked for the full page.
   */
  get showSetup() {
    return this.setupActive && !this.setupDismissed;
  }

  get showResume() {
    return this.setupActive && this.setupDismissed;
  }

  get setupActive() {
    return Boolean(this.home?.setup?.active && this.home.canManage);
  }

  handleShowAll() {
    this.setupDismissed = true;
    this.focusTarget = 'title';
    this.writeSection(this.section);
  }

  handleResume() {
    this.setupDismissed = false;
    this.focusTarget = 'setup';
    this.writeSection(null);
  }

  renderedCallback() {
    if (!this.focusTarget) {
      return;
    }
    const target =
      this.focusTarget === 'setup'
        ? this.template.querySelector('c-first-run-setup')
        : this.template.querySelector('[data-id="title"]');
    this.focusTarget = null;
    target?.focus();
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

  /** Each tab's label, with its count of findings when it has any. */
  get tabLabels() {
    const counts = countFindings(this.home?.status?.causes);
    const labels = {};
    for (const section of SECTIONS) {
      labels[section] = counts[section]
        ? formatLabel(SECTION_WITH_COUNT, SECTION_LABELS[section], counts[section])
        : SECTION_LABELS[section];
    }
    return labels;
  }

  /** Requirement developer name → label, so the status card names the permission its Fix grants. */
  get requirementLabels() {
    const labels = {};
    for (const result of this.home?.audit?.results ?? []) {
      labels[result.developerName] = result.label;
    }
    return labels;
  }

  /** The connector user's name for the settings summary, when Connection describes the same user. */
  get connectorUserName() {
    const connection = this.home?.connection;
    return connection?.userId && connection.userId === this.home?.settings?.connectorUserId
      ? connection.displayName
      : null;
  }

  handleSectionActive(event) {
    this.openSection(event.target.value);
  }

  /** A cause's link: open its section, then bring the row that fixes it into view and focus. */
  async handleNavigate(event) {
    const { section, row } = event.detail ?? {};
    if (!SECTIONS.includes(section)) {
      return;
    }
    this.openSection(section);
    const selectorOf = REVEALERS[section];
    if (!row || !selectorOf) {
      return;
    }
    for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
      // eslint-disable-next-line no-await-in-loop -- one frame at a time until the tab's content is there
      await nextFrame();
      const card = this.template.querySelector(selectorOf(row));
      // eslint-disable-next-line no-await-in-loop -- the card may re-render (e.g. show all) before it finds the row
      if (card && (await card.reveal(row))) {
        return;
      }
    }
  }

  /** Opens a section and writes it into the page state (replacing the entry: tabs are not history). */
  openSection(section) {
    if (!SECTIONS.includes(section) || section === this.section) {
      return;
    }
    this.section = section;
    this.writeSection(section);
  }

  /** Keeps the section in the page state (null: none, the guided setup's page); replaces the history entry. */
  writeSection(section) {
    if (!this.pageReference) {
      return;
    }
    const key = sectionStateKey(this.pageReference);
    const state = { ...this.pageReference.state };
    if (section) {
      state[key] = section;
    } else {
      delete state[key];
    }
    this[NavigationMixin.Navigate]({ ...this.pageReference, state }, true);
  }
}

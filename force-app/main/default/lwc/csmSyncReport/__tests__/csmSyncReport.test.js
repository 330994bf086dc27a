import { createElement } from '@lwc/engine-dom';
import CsmSyncReport from 'c/csmSyncReport';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import PREVIEW from 'contract/fixtures/csmPreview.json';

jest.mock('@salesforce/label/c.Csm_PreviewLimit', () => ({ default: 'First {0} rows' }), { virtual: true });

const RUN = ADMIN_HOME.csm.lastRun;

jest.setTimeout(20000);

describe('c-csm-sync-report', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  async function render(props) {
    const element = createElement('c-csm-sync-report', { is: CsmSyncReport });
    Object.assign(element, props);
    document.body.appendChild(element);
    await Promise.resolve();
    return element;
  }

  const $ = (element, selector) => element.shadowRoot.querySelector(selector);
  const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

  it('reports the last run: its counts, unmatched emails and errors', async () => {
    const element = await render({ run: { ...RUN, errorDetails: ['Account 001: locked row'] } });
    expect($$(element, '[data-count]').map((dd) => [dd.dataset.count, dd.textContent])).toEqual([
      ['created', String(RUN.created)],
      ['updated', String(RUN.updated)],
      ['unchanged', String(RUN.unchanged)],
      ['skippedManual', String(RUN.skippedManual)],
      ['unmatched', String(RUN.unmatched)],
      ['cleared', String(RUN.cleared)],
      ['errors', String(RUN.errors)]
    ]);
    expect($$(element, '[data-id="unmatched-emails"] li').map((li) => li.textContent)).toEqual(RUN.unmatchedEmails);
    expect($(element, '[data-id="error-details"]').textContent).toBe('Account 001: locked row');
    expect($(element, '[data-id="preview"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when there was no run yet', async () => {
    const element = await render({ run: null });
    expect($(element, '[data-id="no-run"]')).not.toBeNull();
    expect($(element, '[data-count]')).toBeNull();
  });

  it('lists a dry run row by row, with its counts and row limit', async () => {
    const element = await render({ run: null, preview: { ...PREVIEW, limitReached: true } });
    expect($$(element, '[data-id="preview"] tbody tr').map((row) => row.dataset.action)).toEqual(
      PREVIEW.rows.map((row) => row.action)
    );
    expect($(element, '[data-id="preview-limit"]').textContent).toBe(`First ${PREVIEW.rowLimit} rows`);
    // A dry run writes nothing, so it has no error count.
    expect($(element, '[data-preview-count="errors"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when a dry run finds nothing to do', async () => {
    const element = await render({ run: null, preview: { ...PREVIEW, rows: [] } });
    expect($(element, '[data-id="preview-empty"]')).not.toBeNull();
  });
});

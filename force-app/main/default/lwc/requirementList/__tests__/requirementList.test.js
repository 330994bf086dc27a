import { createElement } from '@lwc/engine-dom';
import RequirementList from 'c/requirementList';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';

jest.mock('@salesforce/label/c.Requirements_KindObjectAccess', () => ({ default: 'Object access ({0})' }), {
  virtual: true
});

describe('c-requirement-list', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  function render(requirements) {
    const element = createElement('c-requirement-list', { is: RequirementList });
    element.requirements = requirements;
    document.body.appendChild(element);
    return element;
  }

  function cell(element, developerName, id) {
    return element.shadowRoot.querySelector(`[data-requirement="${developerName}"] [data-id="${id}"]`);
  }

  it('lists every requirement in the order given', async () => {
    const element = render(ADMIN_HOME.requirements);

    const rows = Array.from(element.shadowRoot.querySelectorAll('tbody tr'));
    expect(rows.map((row) => row.dataset.requirement)).toEqual(
      ADMIN_HOME.requirements.map((requirement) => requirement.developerName)
    );
    await expect(element).toBeAccessible();
  });

  it('shows label, target, severity badge and reason of a requirement', () => {
    const element = render(ADMIN_HOME.requirements);
    const apiEnabled = ADMIN_HOME.requirements.find((requirement) => requirement.developerName === 'ApiEnabled');

    expect(cell(element, 'ApiEnabled', 'label').textContent).toBe('API Enabled');
    expect(cell(element, 'ApiEnabled', 'target').textContent).toBe('PermissionsApiEnabled');
    expect(cell(element, 'ApiEnabled', 'kind').textContent).toBe('c.Requirements_KindSystemPermission');
    const severity = cell(element, 'ApiEnabled', 'severity');
    expect(severity.textContent).toBe('c.Requirements_SeverityRequired');
    expect(severity.classList).toContain('slds-theme_error');
    expect(cell(element, 'ApiEnabled', 'condition').textContent).toBe('c.Requirements_Always');
    expect(cell(element, 'ApiEnabled', 'reason').textContent).toBe(apiEnabled.reason);
  });

  it('shows the condition of a conditional requirement', () => {
    const element = render(ADMIN_HOME.requirements);

    expect(cell(element, 'SetAuditFields', 'condition').textContent).toBe('Wrap-up used');
    expect(cell(element, 'SetAuditFields', 'severity').textContent).toBe('c.Requirements_SeverityConditional');
  });

  it('names the access level of an object requirement', () => {
    const element = render(ADMIN_HOME.requirements);

    expect(cell(element, 'AccountEdit', 'kind').textContent).toBe('Object access (Edit)');
    expect(cell(element, 'AccountEdit', 'severity').classList).toContain('slds-theme_warning');
  });

  it('says so when there are no requirements', async () => {
    const element = render([]);

    expect(element.shadowRoot.querySelector('table')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="empty"]').textContent).toBe('c.Requirements_Empty');
    await expect(element).toBeAccessible();
  });
});

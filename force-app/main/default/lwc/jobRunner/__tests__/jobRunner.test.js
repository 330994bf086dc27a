import { cleanUpAfterEach, flushPromises, renderComponent } from 'lwc-test-utils';
import JobRunner from 'c/jobRunner';
import ADMIN_HOME from 'contract/fixtures/adminHome.json';
import { formatDateTime } from 'c/formatUtils';

jest.mock('@salesforce/label/c.Jobs_RunnerLabel', () => ({ default: 'Jobs are started as: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Jobs_RunnerNotConnector', () => ({ default: '{0}, not the connector user' }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Jobs_RunnerSource', () => ({ default: 'Seen {0}' }), { virtual: true });

const CONNECTOR_RUNNER = ADMIN_HOME.jobRunner;
const OTHER_RUNNER = { ...CONNECTOR_RUNNER, userName: 'Automated Process', isConnectorUser: false };

describe('c-job-runner', () => {
  cleanUpAfterEach();

  const render = (props) => renderComponent('c-job-runner', JobRunner, props).element;
  const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);

  it('names the connector user the jobs start as, and when that was seen', async () => {
    const element = render({ runner: CONNECTOR_RUNNER });

    expect($(element, 'text').textContent).toBe('Jobs are started as: Connector Integration');
    expect($(element, 'text').className).toBe('');
    expect($(element, 'source').textContent).toBe(`Seen ${formatDateTime(CONNECTOR_RUNNER.seenAt)}`);
    await expect(element).toBeAccessible();
  });

  it('says in red when the jobs start as someone else', async () => {
    const element = render({ runner: OTHER_RUNNER });

    expect($(element, 'text').textContent).toBe('Jobs are started as: Automated Process, not the connector user');
    expect($(element, 'text').className).toBe('slds-text-color_error');
    await expect(element).toBeAccessible();
  });

  it('says when nobody has been seen yet, with no source', () => {
    const element = render({ runner: { known: false } });

    expect($(element, 'text').textContent).toBe('Jobs are started as: c.Jobs_RunnerUnknown');
    expect($(element, 'source')).toBeNull();
  });

  it('warning-only: shows nothing while the runner is right or unknown, and only the warning when it is not', async () => {
    const element = render({ runner: CONNECTOR_RUNNER, warningOnly: true });
    expect($(element, 'text')).toBeNull();
    element.runner = { known: false };
    await flushPromises();
    expect($(element, 'text')).toBeNull();

    element.runner = OTHER_RUNNER;
    await flushPromises();
    expect($(element, 'text').textContent).toBe('Jobs are started as: Automated Process, not the connector user');
    expect($(element, 'text').className).toBe('slds-text-color_error slds-m-bottom_x-small');
    expect($(element, 'source')).toBeNull();
  });

  it("takes focus on its line (a status cause's link lands here)", () => {
    const element = render({ runner: CONNECTOR_RUNNER });

    element.focus();

    expect(element.shadowRoot.activeElement).toBe($(element, 'text'));
  });
});

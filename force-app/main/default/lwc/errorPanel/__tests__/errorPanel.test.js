import { createElement } from '@lwc/engine-dom';
import ErrorPanel from 'c/errorPanel';

describe('c-error-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  function render(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
  }

  it('shows the title and every readable message in an alert', async () => {
    const element = render({
      heading: 'Admin Home could not load',
      errors: [{ body: { message: 'Row is locked' } }, new Error('Network down')]
    });

    const alert = element.shadowRoot.querySelector('[role="alert"]');
    expect(alert.querySelector('h2').textContent).toBe('Admin Home could not load');
    const messages = Array.from(alert.querySelectorAll('p')).map((p) => p.textContent);
    expect(messages).toEqual(['Row is locked', 'Network down']);
    await expect(element).toBeAccessible();
  });

  it('says the error is unknown when no message can be read', () => {
    const element = render({ heading: 'Failed', errors: {} });

    const messages = Array.from(element.shadowRoot.querySelectorAll('p')).map((p) => p.textContent);
    expect(messages).toEqual(['c.Error_Unknown']);
  });
});

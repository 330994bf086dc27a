import { createElement } from '@lwc/engine-dom';
import UnreadableSection from 'c/unreadableSection';
import CSM_UNREADABLE from 'contract/fixtures/adminHome.csmUnreadable.json';

describe('c-unreadable-section', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says why the section cannot be shown, marked with its section', async () => {
    const [entry] = CSM_UNREADABLE.unreadable;
    const element = createElement('c-unreadable-section', { is: UnreadableSection });
    element.section = entry.section;
    element.message = entry.message;
    document.body.appendChild(element);
    await Promise.resolve();

    const box = element.shadowRoot.querySelector('[data-unreadable]');
    expect(box.dataset.unreadable).toBe('csm');
    expect(box.textContent).toBe(entry.message);
    await expect(element).toBeAccessible();
  });
});

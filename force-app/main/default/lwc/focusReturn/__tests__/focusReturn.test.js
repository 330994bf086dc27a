import { returnFocus } from 'c/focusReturn';

describe('c/focusReturn', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('focuses the opener once it is back on the page', async () => {
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    expect(await returnFocus(opener)).toBe(true);
    expect(document.activeElement).toBe(opener);
  });

  it('leaves focus alone when the opener is gone or missing', async () => {
    const gone = document.createElement('button');
    expect(await returnFocus(gone)).toBe(false);
    expect(await returnFocus(null)).toBe(false);
    expect(document.activeElement).toBe(document.body);
  });
});

/**
 * The layout check of the E2E, run in the page (plain JavaScript: code compiled by tsx carries helpers the page
 * lacks). Defines window.__previewCheckCard(card) → [{ card, element, problem }]; preview/e2e/overflow.ts injects it.
 */
/**
 * Checks one card in the page. Walks the real DOM with a TreeWalker: synthetic shadow hides other components'
 * elements from querySelectorAll and children, not from a TreeWalker.
 */
window.__previewCheckCard = function checkCard(cardElement) {
  const TOLERANCE = 1; // sub-pixel rounding
  const found = [];
  const cardBox = cardElement.getBoundingClientRect();
  const title = (cardElement.querySelector('.slds-card__header-title')?.textContent ?? '').trim() || '(untitled card)';

  // Text and ancestors through native traversal too (synthetic shadow patches textContent and parentElement).
  const textOf = (el) => {
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let t = texts.nextNode(); t && text.length < 80; t = texts.nextNode()) text += ` ${t.nodeValue}`;
    return text.replace(/\s+/g, ' ').trim();
  };
  const hostOf = (el) => {
    const up = document.createTreeWalker(cardElement, NodeFilter.SHOW_ELEMENT);
    up.currentNode = el;
    for (let parent = up.parentNode(); parent && parent !== cardElement; parent = up.parentNode()) {
      if (parent.tagName.includes('-')) return parent.tagName.toLowerCase();
    }
    return null;
  };
  const describe = (el) => {
    const parts = [el.tagName.toLowerCase()];
    for (const name of ['data-id', 'data-setting', 'data-user', 'data-cause', 'data-requirement', 'data-label']) {
      const value = el.getAttribute(name);
      if (value) parts.push(`[${name}="${value}"]`);
    }
    const classes = [...el.classList].filter(
      (c) => !c.startsWith('slds-') || /truncate|button|badge|cell|table|scroll/.test(c)
    );
    if (classes.length) parts.push(`.${classes.slice(0, 3).join('.')}`);
    const host = hostOf(el);
    const text = textOf(el);
    return `${host ? `${host} › ` : ''}${parts.join('')}${text ? ` "${text.length > 50 ? `${text.slice(0, 50)}…` : text}"` : ''}`;
  };

  /** Screen-reader-only text is clipped on purpose. */
  const isAssistive = (el) => {
    for (let node = el; node && node !== cardElement; node = node.parentElement) {
      if (node.classList.contains('slds-assistive-text')) return true;
      const style = getComputedStyle(node);
      if (style.clip !== 'auto' && style.clip !== '' && style.position === 'absolute') return true;
    }
    return false;
  };

  // Native traversal in document order. An overflowing element's children overflow too: after reporting an
  // element the walk skips its subtree, so each problem is reported once, at its outermost element.
  const walker = document.createTreeWalker(cardElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const skipSubtree = () => {
    let next = walker.nextSibling();
    while (!next && walker.parentNode()) next = walker.nextSibling();
    return next;
  };
  let node = walker.nextNode();
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      // Text runs past its card without growing any box (a long URL with no place to break).
      const range = document.createRange();
      range.selectNodeContents(node);
      const textBox = range.getBoundingClientRect();
      const past = textBox.right - cardBox.right;
      const parent = node.parentElement;
      // Or past its own box, e.g. a word too long for its badge, unseen but still cut for the reader.
      const parentBox = parent?.getBoundingClientRect();
      const pastParent = parentBox ? textBox.right - parentBox.right : 0;
      if (textBox.width > 0 && parent && past > TOLERANCE) {
        found.push({
          card: title,
          element: describe(parent),
          problem: `has text that runs past the card's right edge by ${Math.round(past)} px`
        });
      } else if (textBox.width > 0 && parent && pastParent > TOLERANCE) {
        found.push({
          card: title,
          element: describe(parent),
          problem: `has text that runs ${Math.round(pastParent)} px past its own box`
        });
      }
      node = walker.nextNode();
      continue;
    }
    const el = node;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (
      !(el instanceof HTMLElement || el instanceof SVGElement) ||
      style.display === 'none' ||
      style.position === 'fixed' ||
      isAssistive(el)
    ) {
      node = skipSubtree();
      continue;
    }
    let problem = null;
    const left = cardBox.left - box.left;
    const right = box.right - cardBox.right;
    const visible = style.visibility !== 'hidden' && (box.width > 0 || box.height > 0);
    const formField =
      el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
    if (visible && (left > TOLERANCE || right > TOLERANCE)) {
      problem = `sticks out of the card: ${right > TOLERANCE ? `${Math.round(right)} px past the right edge` : `${Math.round(left)} px past the left edge`}`;
    } else if (
      visible &&
      !formField && // form fields scroll their own value
      el instanceof HTMLElement &&
      style.overflowX !== 'visible' &&
      el.scrollWidth > el.clientWidth + TOLERANCE
    ) {
      const hidden = el.scrollWidth - el.clientWidth;
      problem =
        style.overflowX === 'auto' || style.overflowX === 'scroll'
          ? `scrolls sideways: ${hidden} px of ${el.scrollWidth} px out of view`
          : style.textOverflow === 'ellipsis'
            ? `text truncated: ${hidden} px cut`
            : `clips its content: ${hidden} px cut`;
    }
    if (problem) {
      found.push({ card: title, element: describe(el), problem });
      node = skipSubtree();
    } else {
      node = walker.nextNode();
    }
  }
  return found;
};

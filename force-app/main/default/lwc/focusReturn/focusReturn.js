/**
 * Focus back on the control that opened a dialog, once the card has re-rendered (a button disabled while the
 * action ran cannot take focus before that). A control that is gone (its row was fixed) is left alone: the card
 * decides where focus goes instead.
 * @param {HTMLElement|(() => HTMLElement|null)|null|undefined} opener the control the user pressed, or a function
 *   that finds it once the card has re-rendered (for a control the card renders anew, e.g. after a picker took its place)
 * @returns {Promise<boolean>} true when the opener took focus
 */
export async function returnFocus(opener) {
  // Rendering is queued as a microtask when state changes: let it run first.
  await Promise.resolve();
  await Promise.resolve();
  if (typeof opener === 'function') {
    opener = opener();
  }
  if (!opener || !opener.isConnected || typeof opener.focus !== 'function') {
    return false;
  }
  opener.focus();
  return true;
}

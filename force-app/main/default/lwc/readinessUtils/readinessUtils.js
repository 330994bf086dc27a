import { formatLabel } from 'c/formatUtils';
import READY from '@salesforce/label/c.Readiness_Ready';
import NOT_READY from '@salesforce/label/c.Readiness_NotReady';
import FIX_MAKES_READY from '@salesforce/label/c.Readiness_FixMakesReady';
import REQUIRED_MISSING from '@salesforce/label/c.Readiness_RequiredMissing';
import REQUIRED_ALL_MET from '@salesforce/label/c.Readiness_RequiredAllMet';
import NO_API from '@salesforce/label/c.Readiness_NoApi';
import LICENSE from '@salesforce/label/c.Readiness_License';
import NO_PERMISSION_SET_LICENSE from '@salesforce/label/c.Readiness_NoPermissionSetLicense';
import TOKENS from '@salesforce/label/c.Readiness_Tokens';
import BREAKS from '@salesforce/label/c.Readiness_Breaks';
import CONFIRM_READY from '@salesforce/label/c.Readiness_ConfirmReady';
import CONFIRM_BREAKS from '@salesforce/label/c.Readiness_ConfirmBreaks';
import CONFIRM_MISSING from '@salesforce/label/c.Readiness_ConfirmMissing';
import CONFIRM_FIX_GRANTS from '@salesforce/label/c.Readiness_ConfirmFixGrants';
import CONFIRM_CANNOT_FIX from '@salesforce/label/c.Readiness_ConfirmCannotFix';
import CONFIRM_TOKENS from '@salesforce/label/c.Readiness_ConfirmTokens';
import CONFIRM_NOTHING_YET from '@salesforce/label/c.Readiness_ConfirmNothingYet';
import CONFIRM_GAPS_TITLE from '@salesforce/label/c.Readiness_ConfirmTitleGaps';

const SEPARATOR = ' · ';

/**
 * The picker's compact readiness of a candidate (UserReadinessView): a badge (Ready, Fix makes it ready, Not ready)
 * and one line of its gaps, most severe first. Null without a readiness (a search that does not check it).
 * @returns {{ badge: string, badgeClass: string, line: string } | null}
 */
export function summarize(readiness) {
  if (!readiness) {
    return null;
  }
  let badge = NOT_READY;
  let badgeClass = 'slds-badge slds-theme_error';
  if (readiness.ready) {
    badge = READY;
    badgeClass = 'slds-badge slds-theme_success';
  } else if (readiness.fixMakesReady) {
    badge = FIX_MAKES_READY;
    badgeClass = 'slds-badge slds-theme_warning';
  }
  const breaks = readiness.breaks ?? [];
  const noPermissionSetLicense = readiness.integrationLicense && readiness.hasPermissionSetLicense === false;
  const otherBreaks = breaks.length - (noPermissionSetLicense ? 1 : 0);
  const parts = [];
  if (noPermissionSetLicense) {
    parts.push(NO_PERMISSION_SET_LICENSE);
  }
  if (otherBreaks > 0) {
    parts.push(formatLabel(BREAKS, otherBreaks));
  }
  if (!readiness.apiEnabled) {
    parts.push(NO_API);
  }
  parts.push(
    readiness.requiredMissing > 0
      ? formatLabel(REQUIRED_MISSING, readiness.requiredMissing)
      : formatLabel(REQUIRED_ALL_MET, readiness.requiredMet ?? 0)
  );
  if (readiness.licenseName) {
    parts.push(formatLabel(LICENSE, readiness.licenseName));
  }
  if (readiness.holdsTokens > 0) {
    parts.push(formatLabel(TOKENS, readiness.holdsTokens));
  }
  return { badge, badgeClass, line: parts.join(SEPARATOR) };
}

/**
 * What the confirm dialog (c/readinessConfirm) shows before a candidate becomes the connector user, in order: that it
 * is ready, what breaks whatever Fix does, what only Setup can grant, what stays missing until Fix, what Fix will
 * grant (the three as lists), tokens already held, notes, and that nothing has changed yet.
 * @returns {{ key: string, text?: string, heading?: string, items?: string[] }[]} empty without a readiness
 */
export function confirmBlocks(userName, readiness) {
  if (!readiness) {
    return [];
  }
  const blocks = [];
  const list = (key, heading, values) => {
    if (values?.length) {
      // A list item needs no sentence's full stop.
      blocks.push({ key, heading, items: values.map((text) => String(text).replace(/[.\s]+$/, '')) });
    }
  };
  if (readiness.ready) {
    blocks.push({ key: 'ready', text: formatLabel(CONFIRM_READY, userName) });
  }
  list('breaks', CONFIRM_BREAKS, readiness.breaks);
  list('cannotFix', CONFIRM_CANNOT_FIX, readiness.cannotFix);
  const untilFix = (readiness.missingRequired ?? []).filter((name) => !(readiness.cannotFix ?? []).includes(name));
  if (untilFix.length > 0) {
    blocks.push({ key: 'missing', text: formatLabel(CONFIRM_MISSING, untilFix.length) });
  }
  list('fixGrants', CONFIRM_FIX_GRANTS, readiness.fixGrants);
  if (readiness.holdsTokens > 0) {
    blocks.push({ key: 'tokens', text: formatLabel(CONFIRM_TOKENS, userName, readiness.holdsTokens) });
  }
  (readiness.notes ?? []).forEach((text, index) => blocks.push({ key: `note-${index}`, text }));
  blocks.push({ key: 'nothingYet', text: CONFIRM_NOTHING_YET });
  return blocks;
}

/**
 * The ReadinessConfirm.open() options for making a candidate the connector user: the question, then its readiness
 * (confirmBlocks); a candidate with gaps gets the "with gaps" title.
 */
export function readinessConfirmOptions(question, title, user) {
  const readiness = user?.readiness;
  const hasGaps = Boolean(readiness) && !readiness.ready;
  const heading = hasGaps ? CONFIRM_GAPS_TITLE : title;
  return {
    // Small: a question and short lists. label names the dialog for assistive technology as the header shows it.
    size: 'small',
    label: heading,
    heading,
    hasGaps,
    question,
    blocks: confirmBlocks(user?.name, readiness)
  };
}

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
 * What the confirm dialog says before a candidate becomes the connector user: what breaks whatever Fix does, what
 * only Setup can grant, what Fix will grant, tokens already held, notes, and that nothing has changed yet.
 * @returns {string[]} sentences, in that order; empty without a readiness
 */
export function confirmSentences(userName, readiness) {
  if (!readiness) {
    return [];
  }
  const list = (values) => (values ?? []).join(', ');
  const sentences = [];
  if (readiness.ready) {
    sentences.push(formatLabel(CONFIRM_READY, userName));
  }
  if (readiness.breaks?.length) {
    // Each break is a sentence of its own; the label ends the list with its own full stop.
    const breaks = readiness.breaks.map((text) => String(text).replace(/[.\s]+$/, ''));
    sentences.push(formatLabel(CONFIRM_BREAKS, breaks.join('; ')));
  }
  if (readiness.cannotFix?.length) {
    sentences.push(formatLabel(CONFIRM_CANNOT_FIX, list(readiness.cannotFix)));
  }
  const untilFix = (readiness.missingRequired ?? []).filter((name) => !(readiness.cannotFix ?? []).includes(name));
  if (untilFix.length > 0) {
    sentences.push(formatLabel(CONFIRM_MISSING, untilFix.length));
  }
  if (readiness.fixGrants?.length) {
    sentences.push(formatLabel(CONFIRM_FIX_GRANTS, list(readiness.fixGrants)));
  }
  if (readiness.holdsTokens > 0) {
    sentences.push(formatLabel(CONFIRM_TOKENS, userName, readiness.holdsTokens));
  }
  sentences.push(...(readiness.notes ?? []));
  sentences.push(CONFIRM_NOTHING_YET);
  return sentences;
}

/**
 * The LightningConfirm options for making a candidate the connector user: the question, then its readiness
 * (confirmSentences); a candidate with gaps gets the warning theme and the "with gaps" title.
 */
export function connectConfirmOptions(question, title, user) {
  const readiness = user?.readiness;
  const hasGaps = Boolean(readiness) && !readiness.ready;
  return {
    message: [question, ...confirmSentences(user?.name, readiness)].join(' '),
    label: hasGaps ? CONFIRM_GAPS_TITLE : title,
    theme: hasGaps ? 'warning' : 'default',
    variant: 'header'
  };
}

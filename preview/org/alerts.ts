/**
 * Connector alerts, the TypeScript twin of ConnectorAlertPolicy (pure decision) and of what ConnectorAlertService
 * builds and sends.
 */
import { label } from './labels.ts';
import { messageWithDate } from './status.ts';

export type Verdict = 'Connected' | 'NeedsAttention' | 'Disconnected';
export type AlertKind = 'None' | 'Broken' | 'Recovered' | 'Digest';
export const DIGEST_HOURS = 24;
export const MAX_CAUSES = 3;

/**
 * Once per change of verdict (to a broken one, or back to Connected); opted in, once a day while it stays broken.
 * A blank previous verdict counts as Connected; an unknown current verdict never alerts.
 */
export function decideAlert(input: {
  previous: string | null;
  current: string | null;
  lastAlertAt: Date | null;
  now: Date;
  muted: boolean;
  digest: boolean;
}): AlertKind {
  const { current, lastAlertAt, now, muted, digest } = input;
  if (muted || !current) return 'None';
  const previous = input.previous || 'Connected';
  const broken = current !== 'Connected';
  if (current !== previous) return broken ? 'Broken' : 'Recovered';
  if (broken && digest && (!lastAlertAt || lastAlertAt.getTime() + DIGEST_HOURS * 3_600_000 <= now.getTime())) {
    return 'Digest';
  }
  return 'None';
}

/** Messaging.CustomNotification as the twin sends it. */
export interface CustomNotification {
  notificationTypeId: string | null;
  title: string;
  body: string;
  targetId?: string | null;
  targetPageRef?: string | null;
}

export class NotificationRefused extends Error {}

/**
 * platform-rule: custom-notification-target — send() throws when neither targetId nor targetPageRef is set; the
 * twin refuses the same way, so an alert built without its Admin Home link fails here too.
 */
export function sendCustomNotification(notification: CustomNotification, recipientIds: string[]): number {
  if (!notification.targetId && !notification.targetPageRef) {
    throw new NotificationRefused('A custom notification needs a targetId or a targetPageRef.');
  }
  if (!notification.notificationTypeId) throw new NotificationRefused('A custom notification needs its type.');
  return recipientIds.length;
}

/** Page reference of the Admin Home tab (namespaced once packaged). */
export function adminHomePageRef(namespacePrefix: string): string {
  const apiName = namespacePrefix ? `${namespacePrefix}__AdminHome` : 'AdminHome';
  return JSON.stringify({ type: 'standard__navItemPage', attributes: { apiName } });
}

/** The verdicts' labels; an unknown verdict reads as Needs attention (ConnectorAlertService.verdictLabel). */
const VERDICT_LABELS: Record<string, string> = {
  Connected: 'Status_Connected',
  NeedsAttention: 'Status_NeedsAttention',
  Disconnected: 'Status_Disconnected'
};
const MAX_TITLE = 120;
const MAX_BODY = 700;

/** Apex String.abbreviate(max): past max characters, its first max - 3 and an ellipsis ("..."). */
function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** A cause of an alert: its message may hold {0}, the date in messageAt. */
export interface AlertCause {
  message: string;
  messageAt?: string | null;
  fix?: string | null;
}

/**
 * ConnectorAlertService.compose(): the title and body from the custom labels, the verdict, then the first causes
 * with their fixes (each date written in as UTC).
 */
export function composeAlert(
  kind: Exclude<AlertKind, 'None'>,
  verdict: string,
  causes: AlertCause[]
): { title: string; body: string } {
  const titleLabel =
    kind === 'Recovered' ? 'Alert_TitleRecovered' : kind === 'Digest' ? 'Alert_TitleDigest' : 'Alert_TitleBroken';
  const lines = causes.slice(0, MAX_CAUSES).map((cause) => {
    const message = messageWithDate(cause);
    return cause.fix ? `${message} ${cause.fix}` : message;
  });
  if (causes.length > MAX_CAUSES) lines.push(label('Alert_MoreCauses', causes.length - MAX_CAUSES));
  if (lines.length === 0) lines.push(label('Alert_NoCauses'));
  const title = label(titleLabel, label(VERDICT_LABELS[verdict] ?? 'Status_NeedsAttention'));
  return { title: abbreviate(title, MAX_TITLE), body: abbreviate(lines.join('\n'), MAX_BODY) };
}

/** The email each recipient gets: one message per user, addressed by user id (never a typed address). */
export interface UserEmail {
  targetObjectId: string;
  saveAsActivity: false;
  subject: string;
  plainTextBody: string;
}

/**
 * platform-rule: email-to-users-target-object-id — emails to users addressed with targetObjectId (saveAsActivity
 * false, as a User target requires) do not count against the org's daily single-email limit; typed addresses do.
 */
export function alertEmails(userIds: string[], title: string, body: string): UserEmail[] {
  return userIds.map((targetObjectId) => ({
    targetObjectId,
    saveAsActivity: false,
    subject: title,
    plainTextBody: `${body}\n\nOpen the Admin Home tab of the Connector Admin app for every cause and its fix.`
  }));
}

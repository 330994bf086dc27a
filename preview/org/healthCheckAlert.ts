/**
 * ConnectorAlertService.onStatus over the in-memory org, as ConnectorHealthCheckJob calls it after each check:
 * records the verdict, decides the alert (alerts.ts decideAlert, the twin of ConnectorAlertPolicy) and writes the
 * "Connector alert" audit entry. The notification and email are counted, not sent (the preview has no inbox).
 */
import type { StatusView } from '../../scripts/contract/types.ts';
import { composeAlert, decideAlert, type AlertKind } from './alerts.ts';
import { settingsOf } from './connection.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';

/** ConnectorAlertSelector.getRecipientIds(): active users granted Manage Connector (read in system mode). */
function recipientIds(org: Org): string[] {
  return org.state.users
    .filter((u) => u.IsActive && org.customPermissionsOf(u.Id).has('ManageConnector'))
    .map((u) => u.Id);
}

export interface AlertOutcome {
  kind: AlertKind;
  recipients: number;
}

/** ConnectorAlertService.onStatus(status, now). */
export function onStatus(org: Org, status: StatusView | null, now: Date = org.now()): AlertOutcome {
  if (!status?.verdict) return { kind: 'None', recipients: 0 };
  const settings = settingsOf(org);
  const previous = settings.LastVerdict__c ?? null;
  const kind = decideAlert({
    previous,
    current: status.verdict,
    lastAlertAt: settings.LastAlertAt__c ? new Date(settings.LastAlertAt__c) : null,
    now,
    muted: settings.AlertsMuted__c === true,
    digest: settings.AlertDigest__c === true
  });
  settings.LastVerdict__c = status.verdict;
  if (previous !== status.verdict) settings.LastVerdictAt__c = now.toISOString();
  let recipients = 0;
  if (kind !== 'None') {
    const message = composeAlert(kind, status.verdict, status.causes);
    recipients = recipientIds(org).length;
    const channels = recipients === 0 ? '-' : settings.AlertEmail__c === true ? 'notification + email' : 'notification';
    let detail = label('Alert_AuditDetail', kind, message.title, recipients, channels);
    if (recipients === 0) detail += `\n${label('Alert_NoRecipients')}`;
    org.logEvent({
      Action__c: 'Connector alert',
      Target__c: status.verdict,
      Outcome__c: recipients === 0 ? 'Failure' : 'Success',
      Detail__c: detail
    });
    settings.LastAlertAt__c = now.toISOString();
  }
  return { kind, recipients };
}

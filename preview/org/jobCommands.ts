import { JobCommandSelector } from './selectors/JobCommandSelector.ts';
import { randomBytes } from 'node:crypto';
import type { ActionResult, JobCommandStatus, JobRunnerView } from '../../scripts/contract/types.ts';
import { label } from './labels.ts';
import type { Org } from './org.ts';
import { JOB_COMMAND_TRIGGER_ID } from './seed.ts';
import { performCommand } from './jobs.ts';

/**
 * Twin of JobCommandService and ConnectorJobCommandTrigger. Start and Restart all publish a ConnectorJobCommand__e
 * onto the org's event bus; the bus delivers it later, as the platform delivers after the publishing transaction
 * (in a transaction of its own before the next Aura call; on the REST face before the next jobs read), to the
 * trigger, which runs as the user of its PlatformEventSubscriberConfig, or as the Automated Process user when
 * there is none.
 */

export const JOB_COMMAND_ACTIONS = { start: 'Start', stop: 'Stop', restartAll: 'RestartAll' } as const;
const AUDIT_ACTION = 'Job command';

function sameUser(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && a.slice(0, 15) === b.trim().slice(0, 15));
}

/**
 * The user ConnectorJobCommandTrigger runs as: its PlatformEventSubscriberConfig's user, else Automated Process.
 * platform-rule: platform-event-trigger-running-user — the twin delivers as that user, never as the publisher.
 */
export function triggerRunningUserId(org: Org): string {
  const config = org.state.subscriberConfigs.find((c) => c.PlatformEventConsumerId === JOB_COMMAND_TRIGGER_ID);
  if (config?.UserId) return config.UserId;
  const automated = org.state.users.find((u) => u.UserType === 'AutomatedProcess');
  if (!automated) throw new Error('the org has no Automated Process user');
  return automated.Id;
}

/** JobCommandService.request: publishes the command; nothing is scheduled in the requester's call. */
export function requestJobCommand(org: Org, action: string, jobKey: unknown): ActionResult {
  const key = typeof jobKey === 'string' && jobKey.trim() ? jobKey.trim() : null;
  const requestId = randomBytes(16).toString('hex');
  // platform-rule: publish-after-commit — delivered only after the publishing call has finished.
  org.state.jobCommandBus.push({
    RequestId__c: requestId,
    Action__c: action,
    JobKey__c: key,
    RequestedById__c: org.state.runningUserId
  });
  const runner = getRunner(org);
  const runnerName = runner.known ? runner.userName : label('Jobs_RunnerUnseen');
  return { ok: true, changed: false, message: label('Jobs_CommandRequested', runnerName), requestId };
}

/**
 * The event bus delivers every pending command to the trigger (ConnectorJobCommandTrigger → perform), later than
 * the publishing call, as Apex tests see with Test.getEventBus().deliver().
 * platform-rule: event-bus-deliver-in-tests
 */
export function deliverJobCommands(org: Org): void {
  if (org.state.jobCommandBus.length === 0) return;
  const commands = org.state.jobCommandBus;
  org.state.jobCommandBus = [];
  const publisher = org.state.runningUserId;
  org.state.runningUserId = triggerRunningUserId(org);
  try {
    perform(org, commands);
  } finally {
    org.state.runningUserId = publisher;
    org.eventStamp = null;
  }
  org.save();
}

/** JobCommandService.perform: each request once, as the running user; Start/Restart only as the connector user. */
function perform(org: Org, commands: typeof org.state.jobCommandBus): void {
  const done = JobCommandSelector.getReportedRequestIds(org, new Set(commands.map((c) => c.RequestId__c)));
  const runner = org.runningUser();
  const connectorUserId = org.state.settings?.ConnectorUserId__c ?? null;
  const connectorName = connectorUserId
    ? (org.user(connectorUserId)?.Name ?? connectorUserId)
    : label('Jobs_RunnerNone');
  for (const command of commands) {
    if (!command.RequestId__c || done.has(command.RequestId__c)) continue;
    done.add(command.RequestId__c);
    org.eventStamp = { RequestId__c: command.RequestId__c, RequestedById__c: command.RequestedById__c };
    try {
      if (command.Action__c !== JOB_COMMAND_ACTIONS.stop && !sameUser(runner.Id, connectorUserId)) {
        // platform-rule: scheduled-job-runs-as-scheduler — a job scheduled now would run as this runner.
        org.logEvent({
          Action__c: AUDIT_ACTION,
          Target__c: command.JobKey__c,
          Outcome__c: 'Failure',
          Detail__c: label('Jobs_CommandWrongRunner', runner.Name, connectorName)
        });
      } else {
        performCommand(org, command.Action__c, command.JobKey__c);
      }
    } catch (error) {
      org.logEvent({
        Action__c: AUDIT_ACTION,
        Target__c: command.JobKey__c,
        Outcome__c: 'Failure',
        Detail__c: (error as Error).message
      });
    }
  }
}

/**
 * JobCommandService.getStatus. Commands published earlier have already reached their trigger: the Aura face
 * delivers pending events in a transaction of their own before each call (registry.ts invokeApex).
 */
export function getJobCommandStatus(org: Org, requestId: unknown): JobCommandStatus {
  return commandStatus(org, requestId);
}

/** What the audit log says of a job command (Pending until the trigger has performed it). */
export function commandStatus(org: Org, requestId: unknown): JobCommandStatus {
  const id = typeof requestId === 'string' ? requestId.trim() : '';
  const status: JobCommandStatus = {
    requestId: id || null,
    state: 'Pending',
    message: null,
    ranAsUserId: null,
    ranAsUserName: null,
    ranAsConnectorUser: null,
    jobs: []
  };
  const entries = id ? JobCommandSelector.getEntries(org, id) : [];
  if (entries.length === 0) return status;
  const last = entries[entries.length - 1]!;
  return {
    ...status,
    state: entries.some((e) => e.Outcome__c === 'Failure') ? 'Failed' : 'Done',
    message: entries.map((e) => e.Detail__c ?? '').join(' '),
    ranAsUserId: last.CreatedById,
    ranAsUserName: org.user(last.CreatedById)?.Name ?? null,
    ranAsConnectorUser: sameUser(last.CreatedById, org.state.settings?.ConnectorUserId__c),
    // Entries naming a job (not the command's own refusals nor an all-jobs summary) are the per-job results.
    jobs: entries
      .filter((e) => e.Target__c && e.Action__c !== AUDIT_ACTION)
      .map((e) => ({
        jobName: e.Target__c!,
        outcome: e.Outcome__c as JobCommandStatus['jobs'][number]['outcome'],
        detail: e.Detail__c ?? null
      }))
  };
}

/** JobCommandService.getRunner: the user the last command ran as (Apex cannot read the subscriber config). */
export function getRunner(org: Org): JobRunnerView {
  const last = [...org.state.events]
    .filter((e) => e.RequestId__c)
    .sort((a, b) => b.CreatedDate.localeCompare(a.CreatedDate) || (b.Id < a.Id ? -1 : 1))[0];
  if (!last) return { known: false, userId: null, userName: null, isConnectorUser: null, seenAt: null };
  return {
    known: true,
    userId: last.CreatedById,
    userName: org.user(last.CreatedById)?.Name ?? null,
    isConnectorUser: sameUser(last.CreatedById, org.state.settings?.ConnectorUserId__c),
    seenAt: last.CreatedDate
  };
}

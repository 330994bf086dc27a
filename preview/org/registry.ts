import { getAdminHome } from './adminHome.ts';
import {
  connectUser,
  disconnectImpact,
  disconnectUser,
  revokeUserTokens,
  saveSettings,
  searchUsers,
  sendAuthorizationLink
} from './connection.ts';
import {
  getCsmFieldOptions,
  getCsmSyncProgress,
  previewCsmSync,
  returnToSynced,
  runCsmSyncNow,
  saveCsmSettings,
  searchCsmAccounts,
  searchCsmUsers,
  setManualCsm
} from './csm.ts';
import { deliverJobCommands, getJobCommandStatus, JOB_COMMAND_ACTIONS, requestJobCommand } from './jobCommands.ts';
import { JobError, stopJob } from './jobs.ts';
import { label } from './labels.ts';
import { MANAGE_PERMISSION, type Org } from './org.ts';
import { searchConnectorCandidates } from './readiness.ts';
import { repairIntegrationAccess } from './status.ts';

/**
 * The in-memory twins of the `@AuraEnabled` Apex methods, by `Class.method` as the LWC imports them.
 * A new controller action = one entry here + its handler in the capability's module.
 */

export type ApexParams = Record<string, unknown>;

export interface ApexMethod {
  /** Mutating methods need the ManageConnector custom permission and persist the org afterwards. */
  mutating: boolean;
  handler: (org: Org, params: ApexParams) => unknown;
}

/** A twin that only reads, and one that writes (ManageConnector checked, rolled back on error, persisted). */
const read = (handler: ApexMethod['handler']): ApexMethod => ({ mutating: false, handler });
const write = (handler: ApexMethod['handler']): ApexMethod => ({ mutating: true, handler });

export const apexMethods: Record<string, ApexMethod> = {
  'AdminHomeController.getAdminHome': read((org) => getAdminHome(org)),
  'AdminHomeController.repairIntegrationAccess': write((org, params) =>
    repairIntegrationAccess(org, typeof params.requirementName === 'string' ? params.requirementName : null)
  ),
  'AdminHomeController.searchUsers': read((org, params) => searchUsers(org, params.term)),
  'AdminHomeController.searchConnectorCandidates': read((org, params) => searchConnectorCandidates(org, params.term)),
  'AdminHomeController.connectUser': write((org, params) => connectUser(org, params.userId)),
  'AdminHomeController.getDisconnectImpact': read((org) => disconnectImpact(org)),
  'AdminHomeController.disconnectUser': write((org, params) =>
    disconnectUser(org, params.stopJobs, params.revokeTokens)
  ),
  'AdminHomeController.sendAuthorizationLink': write((org, params) => sendAuthorizationLink(org, params.recipientId)),
  'AdminHomeController.revokeUserTokens': write((org, params) =>
    revokeUserTokens(org, params.userId, params.confirmCurrentUser)
  ),
  'AdminHomeController.saveSettings': write((org, params) => saveSettings(org, params.settings, params.secrets)),
  // CSM sync: every method but the field list checks ManageConnector, as the Apex does.
  'AdminHomeController.getCsmFieldOptions': read((org) => getCsmFieldOptions(org)),
  'AdminHomeController.saveCsmSettings': write((org, params) => saveCsmSettings(org, params.fieldName, params.enabled)),
  'AdminHomeController.previewCsmSync': write((org) => previewCsmSync(org)),
  'AdminHomeController.runCsmSyncNow': write((org) => runCsmSyncNow(org)),
  'AdminHomeController.getCsmSyncProgress': write((org, params) => getCsmSyncProgress(org, params.jobId)),
  'AdminHomeController.setManualCsm': write((org, params) => setManualCsm(org, params.accountId, params.userId)),
  'AdminHomeController.returnToSynced': write((org, params) => returnToSynced(org, params.assignmentId)),
  'AdminHomeController.searchCsmAccounts': write((org, params) => searchCsmAccounts(org, params.term)),
  'AdminHomeController.searchCsmUsers': write((org, params) => searchCsmUsers(org, params.term)),
  'AdminHomeController.stopJob': write((org, params) => jobAction(() => stopJob(org, params['jobKey']))),
  'AdminHomeController.startJob': write((org, params) =>
    jobAction(() => requestJobCommand(org, JOB_COMMAND_ACTIONS.start, params['definitionName']))
  ),
  'AdminHomeController.restartAllJobs': write((org) =>
    jobAction(() => requestJobCommand(org, JOB_COMMAND_ACTIONS.restartAll, null))
  ),
  'AdminHomeController.getJobCommandStatus': read((org, params) => getJobCommandStatus(org, params['requestId']))
};

/** AdminHomeController.toJobError(): expected job errors reach the page with their own message. */
function jobAction<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof JobError) throw new AuraHandledException(error.message);
    throw error;
  }
}

/**
 * Failures to inject, by method: the next call throws this message as an AuraHandledException
 * (`POST /api/preview/fail-next/<Class.method>`), so tests can see how the page shows server errors.
 */
export const injectedFailures = new Map<string, string>();

/** Thrown by a handler where the Apex throws AuraHandledException: the message reaches the page as is. */
export class AuraHandledException extends Error {}

export interface ApexResponse {
  status: number;
  body: unknown;
}

function failure(status: number, message: string, exceptionType: string): ApexResponse {
  return { status, body: { message, exceptionType, isUserDefinedException: false } };
}

/** Runs one Apex twin the way the Aura endpoint would, returning the JSON body and HTTP status. */
export function invokeApex(org: Org, name: string, params: ApexParams): ApexResponse {
  const method = Object.hasOwn(apexMethods, name) ? apexMethods[name] : undefined;
  if (!method) {
    return failure(
      404,
      `The preview org has no twin for ${name}: add it to preview/org/registry.ts (see preview/README.md).`,
      'PreviewMissingMethod'
    );
  }
  try {
    const injected = injectedFailures.get(name);
    if (injected !== undefined) {
      injectedFailures.delete(name);
      throw new AuraHandledException(injected);
    }
    // AdminHomeController.requireManage()
    if (method.mutating && !org.checkPermission(MANAGE_PERMISSION)) {
      throw new AuraHandledException(label('Error_ManageConnectorRequired'));
    }
    // Events published by an earlier call reach their trigger in a transaction of their own before this one, as
    // the platform's event bus delivers them after the publishing transaction, never inside a later request.
    if (org.state.jobCommandBus.length > 0) {
      org.transaction(() => deliverJobCommands(org));
    }
    const result = org.transaction(() => method.handler(org, params));
    if (method.mutating) org.save();
    // Apex serializes a void method as null.
    return { status: 200, body: result === undefined ? null : result };
  } catch (error) {
    // AuraErrors.fromException(): handled messages pass through, anything else is wrapped.
    const message =
      error instanceof AuraHandledException
        ? error.message
        : label('Error_Unexpected', (error as Error).message || (error as Error).name);
    return failure(400, message, 'System.AuraHandledException');
  }
}

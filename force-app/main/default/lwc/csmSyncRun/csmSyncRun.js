import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import previewCsmSync from '@salesforce/apex/AdminHomeController.previewCsmSync';
import runCsmSyncNow from '@salesforce/apex/AdminHomeController.runCsmSyncNow';
import getCsmSyncProgress from '@salesforce/apex/AdminHomeController.getCsmSyncProgress';
import { act, showError, showToast } from 'c/cardAction';
import { formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Csm_Title';
import DRY_RUN from '@salesforce/label/c.Csm_DryRun';
import RUN_NOW from '@salesforce/label/c.Csm_RunNow';
import RUN_HINT_READ_ONLY from '@salesforce/label/c.Csm_RunHintReadOnly';
import RUN_HINT_NO_FIELD from '@salesforce/label/c.Csm_RunHintNoField';
import RUN_HINT_FIELD_ERROR from '@salesforce/label/c.Csm_RunHintFieldError';
import RUN_HINT_RUNNING from '@salesforce/label/c.Csm_RunHintRunning';
import CONFIRM_RUN_TITLE from '@salesforce/label/c.Csm_ConfirmRunTitle';
import CONFIRM_RUN_MESSAGE from '@salesforce/label/c.Csm_ConfirmRunMessage';
import PROGRESS from '@salesforce/label/c.Csm_Progress';
import PROGRESS_LABEL from '@salesforce/label/c.Csm_ProgressLabel';
import RUN_FINISHED from '@salesforce/label/c.Csm_RunFinished';
import RUN_STOPPED from '@salesforce/label/c.Csm_RunStopped';
import TOAST_ERROR from '@salesforce/label/c.Csm_ToastError';

/** How often Run now asks for the batch job's progress. */
export const POLL_INTERVAL_MS = 2000;

const TITLES = { done: TITLE, error: TOAST_ERROR };

/**
 * CSM sync runs: Dry run and Run now, and the progress of a run started here. Raises `busy` (detail: true/false)
 * around each call, `preview` (detail: the CsmPreview) after a dry run, and `finished` (detail: the CsmRunView or
 * null) then `refresh` when a run ends.
 */
export default class CsmSyncRun extends LightningElement {
  /** CsmView of the contract. */
  @api csm;
  @api canManage = false;
  /** Another CSM action is running. */
  @api busy = false;

  label = { dryRun: DRY_RUN, runNow: RUN_NOW, progressLabel: PROGRESS_LABEL };

  /** CsmProgress while a run started here is followed. */
  progress;
  pollTimer;

  disconnectedCallback() {
    clearTimeout(this.pollTimer);
  }

  get isRunning() {
    return !!this.progress && !this.progress.done;
  }

  /** Why Dry run and Run now are disabled (shown beside them); empty while they are enabled or busy. */
  get runHint() {
    if (!this.canManage) {
      return RUN_HINT_READ_ONLY;
    }
    if (this.isRunning) {
      return RUN_HINT_RUNNING;
    }
    if (!this.csm?.emailField) {
      return RUN_HINT_NO_FIELD;
    }
    return this.csm?.emailFieldError ? RUN_HINT_FIELD_ERROR : '';
  }

  get runDisabled() {
    return !this.canManage || this.busy || !this.csm?.emailField || !!this.csm?.emailFieldError || this.isRunning;
  }

  get progressValue() {
    const total = this.progress?.totalJobItems ?? 0;
    return total > 0 ? Math.round((100 * this.progress.jobItemsProcessed) / total) : 0;
  }

  get progressText() {
    const progress = this.progress;
    return progress
      ? formatLabel(PROGRESS, progress.jobItemsProcessed ?? 0, progress.totalJobItems ?? 0, progress.status)
      : '';
  }

  async handleDryRun() {
    await act(this, {
      call: () => previewCsmSync(),
      busy: (on) => this.raise('busy', on),
      titles: TITLES,
      toast: false,
      refresh: 'never',
      onResult: (preview) => this.raise('preview', preview)
    });
  }

  async handleRunNow() {
    const confirmed = await LightningConfirm.open({
      label: CONFIRM_RUN_TITLE,
      message: formatLabel(CONFIRM_RUN_MESSAGE, this.csm?.emailFieldLabel ?? this.csm?.emailField),
      theme: 'warning'
    });
    if (!confirmed) {
      return;
    }
    await act(this, {
      call: () => runCsmSyncNow(),
      busy: (on) => this.raise('busy', on),
      titles: TITLES,
      // The page refreshes when the run ends.
      refresh: 'never',
      onResult: (started) => {
        this.progress = { jobId: started.jobId, status: 'Queued', jobItemsProcessed: 0, totalJobItems: 0, done: false };
        this.schedulePoll();
      }
    });
  }

  schedulePoll() {
    clearTimeout(this.pollTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => this.poll(), POLL_INTERVAL_MS);
  }

  async poll() {
    try {
      const progress = await getCsmSyncProgress({ jobId: this.progress.jobId });
      this.progress = progress;
      if (!progress.done) {
        this.schedulePoll();
        return;
      }
      this.raise('finished', progress.run ?? null);
      const stopped =
        progress.status === 'Aborted' || progress.status === 'Failed' || progress.run?.status === 'Failed';
      showToast(this, {
        title: TITLE,
        message: stopped ? formatLabel(RUN_STOPPED, progress.run?.status ?? progress.status) : RUN_FINISHED,
        variant: stopped ? 'error' : 'success'
      });
      this.dispatchEvent(new CustomEvent('refresh'));
    } catch (error) {
      this.progress = undefined;
      showError(this, error, TOAST_ERROR);
    }
  }

  raise(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}

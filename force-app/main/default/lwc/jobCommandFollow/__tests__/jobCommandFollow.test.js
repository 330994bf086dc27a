import { commandOutcome, commandToast, followJobCommand, MAX_POLLS, POLL_MS } from 'c/jobCommandFollow';
import getJobCommandStatus from '@salesforce/apex/AdminHomeController.getJobCommandStatus';
import COMMAND_DONE from 'contract/fixtures/jobCommandStatus.done.json';
import COMMAND_PENDING from 'contract/fixtures/jobCommandStatus.pending.json';

jest.mock('@salesforce/apex/AdminHomeController.getJobCommandStatus', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/label/c.Jobs_CommandDone', () => ({ default: 'Done as {0}: {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Jobs_CommandFailed', () => ({ default: 'Failed as {0}: {1}' }), { virtual: true });

const DONE_TEXT = `Done as ${COMMAND_DONE.ranAsUserName}: ${COMMAND_DONE.message}`;

describe('c/jobCommandFollow', () => {
  afterEach(() => {
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('asks for the status until the command is no longer pending', async () => {
    jest.useFakeTimers();
    getJobCommandStatus.mockResolvedValueOnce(COMMAND_PENDING).mockResolvedValueOnce(COMMAND_DONE);

    const followed = followJobCommand(COMMAND_DONE.requestId);
    await jest.advanceTimersByTimeAsync(POLL_MS);

    await expect(followed).resolves.toBe(COMMAND_DONE);
    expect(getJobCommandStatus).toHaveBeenCalledTimes(2);
    expect(getJobCommandStatus).toHaveBeenCalledWith({ requestId: COMMAND_DONE.requestId });
  });

  it('gives up with null after the last poll', async () => {
    jest.useFakeTimers();
    getJobCommandStatus.mockResolvedValue(COMMAND_PENDING);

    const followed = followJobCommand(COMMAND_PENDING.requestId);
    await jest.advanceTimersByTimeAsync(POLL_MS * MAX_POLLS);

    await expect(followed).resolves.toBeNull();
    expect(getJobCommandStatus).toHaveBeenCalledTimes(MAX_POLLS);
  });

  it('is a success only when done as the connector user with no job failed', () => {
    expect(commandOutcome(COMMAND_DONE)).toEqual({ text: DONE_TEXT, variant: 'success' });
    expect(commandOutcome({ ...COMMAND_DONE, ranAsConnectorUser: false }).variant).toBe('warning');
    const failedJob = { ...COMMAND_DONE, jobs: [{ jobName: 'CSM sync', outcome: 'Failure', detail: 'No.' }] };
    expect(commandOutcome(failedJob).variant).toBe('warning');
    expect(commandOutcome({ ...COMMAND_DONE, state: 'Failed' }).variant).toBe('error');
  });

  it("titles the toast by the outcome, a failure with the caller's own title", () => {
    expect(commandToast(COMMAND_DONE, 'Card failed')).toEqual({
      title: 'c.Jobs_ToastDone',
      message: DONE_TEXT,
      variant: 'success'
    });
    expect(commandToast({ ...COMMAND_DONE, ranAsConnectorUser: false }, 'Card failed')).toMatchObject({
      title: 'c.Jobs_ToastWarning',
      variant: 'warning'
    });
    expect(commandToast({ ...COMMAND_DONE, state: 'Failed' }, 'Card failed')).toEqual({
      title: 'Card failed',
      message: `Failed as ${COMMAND_DONE.ranAsUserName}: ${COMMAND_DONE.message}`,
      variant: 'error'
    });
  });

  it('says a command still pending after the last poll is a warning', () => {
    expect(commandToast(null, 'Card failed')).toEqual({
      title: 'c.Jobs_ToastWarning',
      message: 'c.Jobs_CommandStillPending',
      variant: 'warning'
    });
  });
});

import { confirmSentences, summarize } from 'c/readinessUtils';
import FIXABLE from 'contract/fixtures/userOptionView.candidateFixable.json';
import INTEGRATION from 'contract/fixtures/userOptionView.candidateIntegrationLicense.json';
import READY from 'contract/fixtures/userReadinessView.ready.json';

// Labels resolve to their names in jest (c.<Label>); formatLabel leaves no value unfilled.
describe('c/readinessUtils', () => {
  it('has nothing to say without a readiness', () => {
    expect(summarize(undefined)).toBeNull();
    expect(confirmSentences('Ada', null)).toEqual([]);
  });

  it('badges a ready candidate and counts what it meets', () => {
    const summary = summarize(READY);
    expect(summary.badge).toBe('c.Readiness_Ready');
    expect(summary.badgeClass).toContain('slds-theme_success');
    expect(summary.line.split(' · ')).toEqual([
      'c.Readiness_RequiredAllMet',
      'c.Readiness_License',
      'c.Readiness_Tokens'
    ]);
  });

  it('names the missing permission set license of an Integration-license candidate first', () => {
    const summary = summarize(INTEGRATION.readiness);
    expect(summary.badge).toBe('c.Readiness_NotReady');
    expect(summary.badgeClass).toContain('slds-theme_error');
    expect(summary.line.split(' · ')).toEqual([
      'c.Readiness_NoPermissionSetLicense',
      'c.Readiness_RequiredMissing',
      'c.Readiness_License'
    ]);
  });

  it('says when Fix alone makes a candidate ready, and when API Enabled is missing', () => {
    const summary = summarize({ ...FIXABLE.readiness, apiEnabled: false, breaks: ['Frozen'] });
    expect(summary.line.split(' · ').slice(0, 2)).toEqual(['c.Readiness_Breaks', 'c.Readiness_NoApi']);
    expect(summarize(FIXABLE.readiness).badge).toBe('c.Readiness_FixMakesReady');
  });

  it('lists what breaks, what only Setup can grant and what Fix will grant, then that nothing changed yet', () => {
    const sentences = confirmSentences(INTEGRATION.name, INTEGRATION.readiness);
    expect(sentences).toEqual([
      'c.Readiness_ConfirmBreaks',
      'c.Readiness_ConfirmCannotFix',
      ...INTEGRATION.readiness.notes,
      'c.Readiness_ConfirmNothingYet'
    ]);
    expect(confirmSentences(FIXABLE.name, FIXABLE.readiness)).toEqual([
      'c.Readiness_ConfirmMissing',
      'c.Readiness_ConfirmFixGrants',
      'c.Readiness_ConfirmNothingYet'
    ]);
    expect(confirmSentences('Olivia', READY)[0]).toBe('c.Readiness_ConfirmReady');
  });
});

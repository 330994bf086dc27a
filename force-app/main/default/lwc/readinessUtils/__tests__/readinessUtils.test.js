import { confirmBlocks, readinessConfirmOptions, summarize } from 'c/readinessUtils';
import FIXABLE from 'contract/fixtures/userOptionView.candidateFixable.json';
import INTEGRATION from 'contract/fixtures/userOptionView.candidateIntegrationLicense.json';
import READY from 'contract/fixtures/userReadinessView.ready.json';

// Labels resolve to their names in jest (c.<Label>); formatLabel leaves no value unfilled.
describe('c/readinessUtils', () => {
  it('has nothing to say without a readiness', () => {
    expect(summarize(undefined)).toBeNull();
    expect(confirmBlocks('Ada', null)).toEqual([]);
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
    const keys = (blocks) => blocks.map((block) => block.key);
    const blocks = confirmBlocks(INTEGRATION.name, INTEGRATION.readiness);
    expect(keys(blocks)).toEqual([
      'breaks',
      'cannotFix',
      ...INTEGRATION.readiness.notes.map((note, index) => `note-${index}`),
      'nothingYet'
    ]);
    expect(blocks[0]).toEqual({
      key: 'breaks',
      heading: 'c.Readiness_ConfirmBreaks',
      // List items, without a sentence's full stop.
      items: INTEGRATION.readiness.breaks.map((text) => text.replace(/[.\s]+$/, ''))
    });
    expect(blocks[1].items).toEqual(INTEGRATION.readiness.cannotFix);
    expect(blocks.at(-1).text).toBe('c.Readiness_ConfirmNothingYet');
    const fixable = confirmBlocks(FIXABLE.name, FIXABLE.readiness);
    expect(keys(fixable)).toEqual(['missing', 'fixGrants', 'nothingYet']);
    expect(fixable[1].items).toEqual(FIXABLE.readiness.fixGrants);
    expect(confirmBlocks('Olivia', READY)[0]).toEqual({ key: 'ready', text: 'c.Readiness_ConfirmReady' });
  });

  it('opens a small dialog titled for the gaps, named by the same label for assistive technology', () => {
    const gaps = readinessConfirmOptions('Connect Ivy?', 'Connect user?', INTEGRATION);
    expect(gaps).toMatchObject({
      size: 'small',
      label: 'c.Readiness_ConfirmTitleGaps',
      heading: 'c.Readiness_ConfirmTitleGaps',
      hasGaps: true,
      question: 'Connect Ivy?'
    });
    const ready = readinessConfirmOptions('Connect Olivia?', 'Connect user?', { name: 'Olivia', readiness: READY });
    expect(ready).toMatchObject({ label: 'Connect user?', heading: 'Connect user?', hasGaps: false });
  });
});

import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import revokeUserTokens from '@salesforce/apex/AdminHomeController.revokeUserTokens';
import { act } from 'c/cardAction';
import { formatDateTime, formatLabel } from 'c/formatUtils';
import TITLE from '@salesforce/label/c.Tokens_Title';
import CAPTION from '@salesforce/label/c.Tokens_Caption';
import COLUMN_USER from '@salesforce/label/c.Tokens_ColumnUser';
import COLUMN_TOKENS from '@salesforce/label/c.Tokens_ColumnTokens';
import COLUMN_LAST_USED from '@salesforce/label/c.Tokens_ColumnLastUsed';
import AUTHORIZED_SINCE from '@salesforce/label/c.Tokens_AuthorizedSince';
import COLUMN_USE_COUNT from '@salesforce/label/c.Tokens_ColumnUseCount';
import COLUMN_ACTIONS from '@salesforce/label/c.Tokens_ColumnActions';
import CONNECTOR_BADGE from '@salesforce/label/c.Tokens_ConnectorBadge';
import OLD_USER_BADGE from '@salesforce/label/c.Tokens_OldUserBadge';
import REVOKE from '@salesforce/label/c.Tokens_Revoke';
import REVOKE_USER from '@salesforce/label/c.Tokens_RevokeUser';
import NEVER from '@salesforce/label/c.Tokens_Never';
import EMPTY from '@salesforce/label/c.Tokens_Empty';
import WORKING from '@salesforce/label/c.Tokens_Working';
import FINDING_TITLE from '@salesforce/label/c.Tokens_FindingTitle';
import FINDING_TEXT from '@salesforce/label/c.Tokens_FindingText';
import FINDING_TEXT_ONE from '@salesforce/label/c.Tokens_FindingTextOne';
import { returnFocus } from 'c/focusReturn';
import CONFIRM_TITLE from '@salesforce/label/c.Tokens_ConfirmTitle';
import CONFIRM_REVOKE from '@salesforce/label/c.Tokens_ConfirmRevoke';
import CONFIRM_CURRENT from '@salesforce/label/c.Tokens_ConfirmCurrent';
import CONFIRM_CURRENT_AGAIN from '@salesforce/label/c.Tokens_ConfirmCurrentAgain';
import ACTION_FAILED from '@salesforce/label/c.Tokens_ActionFailed';
import OWN_TOKENS_ONLY from '@salesforce/label/c.Tokens_OwnTokensOnly';
import ROWS_CUT from '@salesforce/label/c.Tokens_RowsCut';

/**
 * OAuth usage of the connector's connected app (Setup > Connected Apps OAuth Usage, in the page):
 * who holds tokens, a finding when anyone besides the connector user does, and Revoke per user.
 */
export default class OauthUsage extends LightningElement {
  /** TokenUserView[] of the contract. */
  @api tokens;
  @api canManage = false;
  /** TokenAccessView of the contract: whose tokens the list can show, and whether the row cap cut it. */
  @api tokenAccess;

  label = {
    title: TITLE,
    caption: CAPTION,
    columnUser: COLUMN_USER,
    columnTokens: COLUMN_TOKENS,
    columnLastUsed: COLUMN_LAST_USED,
    columnUseCount: COLUMN_USE_COUNT,
    columnActions: COLUMN_ACTIONS,
    empty: EMPTY,
    working: WORKING,
    findingTitle: FINDING_TITLE,
    ownTokensOnly: OWN_TOKENS_ONLY
  };

  isBusy = false;

  get rows() {
    return (this.tokens ?? []).map((token) => ({
      rowId: `token-${token.userId}`,
      ...token,
      badgeLabel: token.isConnectorUser ? CONNECTOR_BADGE : OLD_USER_BADGE,
      badgeClass: token.isConnectorUser
        ? 'slds-badge slds-theme_success token-badge'
        : 'slds-badge slds-theme_warning token-badge',
      lastUsedText: token.lastUsed ? formatDateTime(token.lastUsed) : NEVER,
      firstCreatedText: token.firstCreated ? formatLabel(AUTHORIZED_SINCE, formatDateTime(token.firstCreated)) : '',
      revokeLabel: REVOKE,
      revokeTitle: formatLabel(REVOKE_USER, token.userName)
    }));
  }

  get hasRows() {
    return this.rows.length > 0;
  }

  /** Salesforce shows other users' tokens only with Customize Application: say so instead of implying none. */
  get ownTokensOnly() {
    return this.tokenAccess?.canSeeAllUsers === false;
  }

  /** "Nobody holds a token" is only true when the user may see everyone's tokens. */
  get showEmpty() {
    return !this.ownTokensOnly;
  }

  /** A query returns at most 2,500 OauthToken rows: say how many were left out. */
  get rowsCutText() {
    const access = this.tokenAccess;
    return access?.truncated ? formatLabel(ROWS_CUT, access.shownCount, access.totalCount) : null;
  }

  get staleUsers() {
    return (this.tokens ?? []).filter((token) => !token.isConnectorUser);
  }

  get hasFinding() {
    return this.staleUsers.length > 0;
  }

  get findingText() {
    const names = this.staleUsers.map((token) => token.userName);
    return formatLabel(names.length === 1 ? FINDING_TEXT_ONE : FINDING_TEXT, names.join(', '));
  }

  get disableRevoke() {
    return !this.canManage || this.isBusy;
  }

  /**
   * Brings a user's row into view and focus (a status cause's link): `token-<user id>`.
   * @returns {Promise<boolean>} the row was found
   */
  @api
  async reveal(row) {
    const target = [...this.template.querySelectorAll('tr[data-row]')].find((element) => element.dataset.row === row);
    if (!target) {
      return false;
    }
    target.focus();
    return true;
  }

  async handleRevoke(event) {
    const opener = event.currentTarget;
    const token = (this.tokens ?? []).find((candidate) => candidate.userId === opener.dataset.userId);
    if (!token) {
      return;
    }
    await this.revoke(token);
    await returnFocus(opener);
  }

  async revoke(token) {
    const confirmCurrentUser = token.isConnectorUser;
    const first = await LightningConfirm.open({
      message: formatLabel(confirmCurrentUser ? CONFIRM_CURRENT : CONFIRM_REVOKE, token.userName, token.tokenCount),
      label: CONFIRM_TITLE,
      theme: confirmCurrentUser ? 'error' : 'warning',
      variant: 'header'
    });
    if (!first) {
      return;
    }
    // Revoking the connector user disconnects the platform: it takes a second, explicit confirmation.
    if (confirmCurrentUser) {
      const second = await LightningConfirm.open({
        message: formatLabel(CONFIRM_CURRENT_AGAIN, token.userName),
        label: CONFIRM_TITLE,
        theme: 'error',
        variant: 'header'
      });
      if (!second) {
        return;
      }
    }
    await act(this, {
      call: () => revokeUserTokens({ userId: token.userId, confirmCurrentUser }),
      busy: 'isBusy',
      titles: { done: TITLE, error: ACTION_FAILED },
      refresh: 'changed'
    });
  }
}

import { type Account, accountLabel } from '@mfa-companion/vault';
import { i18n } from '#i18n';

/** `accountId site` — one site of one new account, as the preview's checkboxes name it. */
export const siteChoiceKey = (accountId: string, site: string) => `${accountId} ${site}`;

/**
 * The sites one imported account will be bound to, each with a checkbox: an import never binds a site the user has
 * not seen. A site the importer moved from http:// to https:// says "bound over https".
 */
export function ImportSiteChoices(props: {
  account: Account;
  upgraded: readonly string[];
  excluded: ReadonlySet<string>;
  onChange(accountId: string, site: string, bound: boolean): void;
}) {
  const { account } = props;
  return (
    <fieldset class="preview-sites">
      <legend class="note">{i18n.t('preview.sitesLegend', [accountLabel(account) || i18n.t('list.unnamed')])}</legend>
      {account.sites.map((site) => (
        <label class="checkbox" key={site}>
          <input
            type="checkbox"
            checked={!props.excluded.has(siteChoiceKey(account.id, site))}
            onChange={(event) => props.onChange(account.id, site, event.currentTarget.checked)}
          />
          {site}
          {props.upgraded.includes(site) && <span class="note"> — {i18n.t('preview.boundOverHttps')}</span>}
        </label>
      ))}
    </fieldset>
  );
}

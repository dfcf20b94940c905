import { type Account, accountLabel } from '@mfa-companion/vault';
import { i18n } from '#i18n';
import { countText } from '../ui/plural';
import { ServiceIcon } from '../ui/ServiceIcon';

/** Which sites each account fills its code on: the binding rules made visible, read-only. */
export function AccountsSitesSection(props: { accounts: readonly Account[] }) {
  return (
    <section class="stack accounts-sites" aria-labelledby="accounts-sites-title">
      <h2 id="accounts-sites-title">{i18n.t('options.accountsSites.title')}</h2>
      <p class="note">{i18n.t('options.accountsSites.intro')}</p>
      <p class="note">{countText('options.accountsSites.count', props.accounts.length)}</p>
      {props.accounts.length > 0 && (
        <ul class="accounts-sites-list">
          {props.accounts.map((account) => (
            <li key={account.id}>
              <ServiceIcon issuer={account.issuer} account={account.account} sites={account.sites} />
              <span class="names">
                <span class="issuer">{account.issuer || accountLabel(account) || i18n.t('list.unnamed')}</span>
                {account.issuer && account.account && <span class="account">{account.account}</span>}
              </span>
              <span class="sites">
                {account.sites.length > 0 ? account.sites.join(', ') : i18n.t('options.accountsSites.noSite')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

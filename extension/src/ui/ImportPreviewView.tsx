import { accountLabel, type ImportPreview } from '@mfa-companion/vault';
import { i18n } from '#i18n';
import { messageForCode } from './errors';
import { ImportSiteChoices } from './ImportSiteChoices';

/**
 * "n new, n already added, n invalid (why)": shown before anything is written. With `onSiteChange`, each new
 * account lists the sites it will be bound to (those moved from http to https say so), each with a checkbox the
 * user can untick; `excludedSites` holds the unticked ones (siteChoiceKey).
 */
export function ImportPreviewView(props: {
  preview: ImportPreview;
  excludedSites?: ReadonlySet<string>;
  onSiteChange?(accountId: string, site: string, bound: boolean): void;
}) {
  const { toAdd, duplicates, invalid } = props.preview;
  return (
    <div class="stack preview" aria-live="polite">
      <p class="summary">{i18n.t('preview.summary', [toAdd.length, duplicates.length, invalid.length])}</p>
      {toAdd.length > 0 && (
        <>
          <h2>{i18n.t('preview.new')}</h2>
          <ul class="preview-list">
            {toAdd.map((account) => (
              <li key={account.id}>
                {accountLabel(account) || i18n.t('list.unnamed')}
                {props.onSiteChange && account.sites.length > 0 && (
                  <ImportSiteChoices
                    account={account}
                    upgraded={props.preview.upgradedSites?.[account.id] ?? []}
                    excluded={props.excludedSites ?? new Set()}
                    onChange={props.onSiteChange}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {duplicates.length > 0 && (
        <>
          <h2>{i18n.t('preview.duplicates')}</h2>
          <ul class="preview-list">
            {duplicates.map((duplicate, index) => (
              <li key={`d${index}`}>
                {duplicate.label} — {i18n.t('add.alreadyAdded')}
              </li>
            ))}
          </ul>
        </>
      )}
      {invalid.length > 0 && (
        <>
          <h2>{i18n.t('preview.invalid')}</h2>
          <ul class="preview-list">
            {invalid.map((entry, index) => (
              <li key={`i${index}`}>
                {entry.label}: {messageForCode(entry.code)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

import { accountLabel, type ImportPreview } from '@mfa-companion/vault';
import { i18n } from '#i18n';
import { messageForCode } from './errors';
import { countText } from './plural';

/** "n new, n already added, n invalid (why)": shown before anything is written. */
export function ImportPreviewView(props: { preview: ImportPreview }) {
  const { toAdd, duplicates, invalid } = props.preview;
  return (
    <div class="stack preview" aria-live="polite">
      <p class="summary">
        {[
          countText('preview.summary.new', toAdd.length),
          countText('preview.summary.duplicates', duplicates.length),
          countText('preview.summary.invalid', invalid.length),
        ].join(i18n.t('preview.summary.separator'))}
      </p>
      {toAdd.length > 0 && (
        <>
          <h2>{i18n.t('preview.new')}</h2>
          <ul class="preview-list">
            {toAdd.map((account) => (
              <li key={account.id}>{accountLabel(account) || i18n.t('list.unnamed')}</li>
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

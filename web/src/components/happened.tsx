import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { isoDateOf } from './date-field.js';

/**
 * When a step happened and who recorded it: the date it happened, and where it was recorded on
 * another day, "vastgelegd op … door …".
 */
export function Happened({
  happenedOn,
  recordedAt,
  recordedBy,
}: {
  happenedOn: string;
  recordedAt: string;
  recordedBy: string | null;
}) {
  const later = isoDateOf(recordedAt) !== happenedOn;
  const at = formatDateTime(recordedAt);
  return (
    <>
      <time dateTime={happenedOn}>{formatDate(happenedOn)}</time>
      {later
        ? ` (${recordedBy ? t('timeline.recorded', { at, name: recordedBy }) : t('timeline.recordedAt', { at })})`
        : recordedBy
          ? ` — ${recordedBy}`
          : ''}
    </>
  );
}

import type { RegisterData, SearchResults, SearchSubject } from '@samenspel/contracts';
import type { FoundSubject } from '../subjects/index.js';

/** How people recognise a subject: its name (or address, IBAN, plate) and what goes beside it. */
function recognisable(data: RegisterData): Pick<SearchSubject, 'name' | 'dateOfBirth' | 'detail'> {
  switch (data.kind) {
    case 'person':
      return {
        name: [data.firstNames, data.prefix, data.surname].filter(Boolean).join(' '),
        dateOfBirth: data.dateOfBirth ?? null,
        detail: null,
      };
    case 'company':
      return { name: data.name, dateOfBirth: null, detail: data.kvkNumber ? `KvK ${data.kvkNumber}` : null };
    case 'address':
      return {
        name: `${data.street ? `${data.street} ` : ''}${data.houseNumber}${data.houseNumberAddition ? ` ${data.houseNumberAddition}` : ''}`,
        dateOfBirth: null,
        detail: `${data.postcode}${data.town ? ` ${data.town}` : ''}`,
      };
    case 'account':
      return { name: data.iban, dateOfBirth: null, detail: data.holder ?? null };
    case 'vehicle':
      return { name: data.registration, dateOfBirth: null, detail: null };
    case 'organisation':
    case 'network':
      return { name: data.name, dateOfBirth: null, detail: null };
  }
}

export function presentSubject(
  s: FoundSubject,
  labels: ReadonlyMap<string, string>,
): SearchResults['subjects'][number] {
  return {
    id: s.id,
    kind: s.kind,
    ...recognisable(s.data),
    inRegister: s.inRegister,
    records: s.records.flatMap((r) => {
      const label = labels.get(r.id);
      return label ? [{ ...r, label }] : [];
    }),
  };
}

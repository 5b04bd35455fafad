import { type Role, roles } from '@samenspel/contracts';
import {
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
} from '@utrecht/component-library-react';
import { t } from '../../i18n/i18n.js';

/** The roles as checkboxes, with a description of what each may do. */
export function RoleFields({
  selected,
  onChange,
  error,
  disabled,
}: {
  selected: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? 'rollen-fout' : undefined}>
      <FieldsetLegend>{t('admin.roles')}</FieldsetLegend>
      {error ? <FormFieldErrorMessage id="rollen-fout">{error}</FormFieldErrorMessage> : null}
      {roles.map((role) => (
        <FormFieldCheckbox
          key={role}
          id={`rol-${role}`}
          name="roles"
          value={role}
          label={t(`role.${role}`)}
          description={t(`roleHelp.${role}`)}
          checked={selected.includes(role)}
          disabled={disabled}
          onChange={(event) =>
            onChange(event.currentTarget.checked ? [...selected, role] : selected.filter((r) => r !== role))
          }
        />
      ))}
    </Fieldset>
  );
}

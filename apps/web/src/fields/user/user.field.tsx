import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { PeopleDisplay, PeopleInput } from '../shared/people-inputs';

/** A platform user (or several), picked and shown by name. */
export const userField: FieldUi = {
  Display: (props: DisplayProps) => <PeopleDisplay {...props} kind="user" />,
  Input: (props: InputProps) => <PeopleInput {...props} kind="user" />,
  width: 130,
};

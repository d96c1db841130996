import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { PeopleDisplay, PeopleInput } from '../shared/people-inputs';

/** A department (by key), picked and shown by its name. */
export const departmentField: FieldUi = {
  Display: (props: DisplayProps) => <PeopleDisplay {...props} kind="department" />,
  Input: (props: InputProps) => <PeopleInput {...props} kind="department" />,
  width: 140,
};

import { useLabel } from '../../i18n/use-locale';
import { useForms } from '../shell/shell.queries';

/** A form's title in the UI's language (the forms list is cached by the navigation already). */
export function useFormName(app: string, form: string): string {
  const forms = useForms(app);
  const label = useLabel();
  const found = forms.data?.find((f) => f.key === form);
  return found ? label(found.title, form) : '';
}

export function FormName({ app, form }: { app: string; form: string }) {
  return <>{useFormName(app, form)}</>;
}

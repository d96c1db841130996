import { allows, formAccessOf, maskFormDefinition } from '@tessera/access';
import type { Authorization } from '../access/authorize';

/** Designers (admins, app admins, a role granting `design` on the form) see a form as it is. */
export function isDesigner(who: Authorization, form: string): boolean {
  return who.isAdmin || !who.app || who.app.admin || allows(formAccessOf(who.app, form), 'design');
}

/**
 * A form definition as the caller may see it: for everyone but its designers, without the fields
 * hidden from them (keys, labels, options, layout places, expressions naming them) and with the
 * fields they may not write marked read-only (see @tessera/access maskFormDefinition).
 */
export function definitionFor<T extends object>(who: Authorization, form: string, definition: T): T {
  const app = who.app;
  if (!app || isDesigner(who, form)) return definition;
  return maskFormDefinition(definition, formAccessOf(app, form), (other) => formAccessOf(app, other));
}

import { type AnyField, liveFields } from '@tessera/logic/browser';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import { linkId } from '../../../fields/link/link.hooks';

type Values = Record<string, unknown>;

/**
 * Form values as the API takes them: computed fields left out (the engine computes them), and
 * read-only ones (the flows' and rules' to set; the server applies their defaults itself) but for
 * a choice with `userTransitions` (a quote's status, which a person submits); links as ids (the editor keeps the picked record to show its title),
 * line-items rows likewise.
 */
export function toApiValues(fields: readonly AnyField[], values: Values): Values {
  const out: Values = {};
  for (const field of liveFields(fields)) {
    if (!(field.key in values) || FIELD_UI[field.type].computed) continue;
    if (field.readOnly === true && !(field.type === 'single_select' && field.userTransitions)) continue;
    const value = values[field.key];
    if (field.type === 'link') out[field.key] = linkId(value);
    else if (field.type === 'line_items' && Array.isArray(value)) {
      out[field.key] = value.map((row) => {
        const { id, ...rest } = row as Values;
        return { ...(id ? { id } : {}), ...toApiValues(field.fields, rest) };
      });
    } else out[field.key] = value;
  }
  return out;
}

/** Only what changed since the stored record (a PATCH sends the changed fields). */
export function changedValues(fields: readonly AnyField[], stored: Values, edited: Values): Values {
  const a = toApiValues(fields, stored);
  const b = toApiValues(fields, edited);
  const out: Values = {};
  for (const [key, value] of Object.entries(b))
    if (JSON.stringify(value) !== JSON.stringify(a[key] ?? null)) out[key] = value;
  return out;
}

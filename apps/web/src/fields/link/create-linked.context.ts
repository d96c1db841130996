import type { RecordOut } from '@tessera/api';
import { createContext, useContext } from 'react';

/**
 * "Create new" in a link picker: the page that renders forms supplies a way to create a record of
 * another form (a dialog with that form) and hand it back; without one the picker only searches.
 */
export type CreateLinked = (app: string, form: string) => Promise<RecordOut | null>;
export const CreateLinkedContext = createContext<CreateLinked | null>(null);
export const useCreateLinked = () => useContext(CreateLinkedContext);

import { createContext, useContext } from 'react';

/**
 * Values the page already names (on a record's overview: the record's title and the code its
 * filter is set to). A table column holding only these says nothing new, so tables leave it out.
 */
const KnownValues = createContext<ReadonlySet<string>>(new Set());
export const KnownValuesProvider = KnownValues.Provider;
export const useKnownValues = () => useContext(KnownValues);

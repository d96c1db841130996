import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { printApi } from '../../api/print.api';

/** The form's print templates and whether the user may batch print (they change only on pack apply). */
export function usePrintTemplates(app: string, form: string) {
  return useQuery({
    queryKey: ['apps', app, 'forms', form, 'print-templates'],
    queryFn: () => printApi.templates(app, form),
    staleTime: 5 * 60_000,
  });
}

/** An object URL for a PDF while it is shown; revoked when the PDF changes or the view closes. */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => {
      URL.revokeObjectURL(next);
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}

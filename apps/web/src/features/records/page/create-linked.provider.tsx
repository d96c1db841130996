import { useQueryClient } from '@tanstack/react-query';
import type { RecordOut } from '@tessera/api';
import type { FormDefinition } from '@tessera/schema';
import { Modal } from 'antd';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appsApi } from '../../../api/apps.api';
import { CreateLinkedContext } from '../../../fields/link/create-linked.context';
import { useLabel } from '../../../i18n/use-locale';
import { RecordEditor } from './record-editor';

/** "Create new" from a link picker: the linked form in a dialog; the new record is picked. */
export function CreateLinkedProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  const label = useLabel();
  const client = useQueryClient();
  const [target, setTarget] = useState<{ app: string; form: string; definition: FormDefinition } | null>(
    null,
  );
  const resolve = useRef<(r: RecordOut | null) => void>(undefined);
  const open = useCallback(
    async (app: string, form: string) => {
      const definition = await client.fetchQuery({
        queryKey: ['apps', app, 'forms', form, 'definition'],
        queryFn: async () => (await appsApi.form(app, form)).definition as FormDefinition,
        staleTime: 5 * 60_000,
      });
      setTarget({ app, form, definition });
      return new Promise<RecordOut | null>((r) => {
        resolve.current = r;
      });
    },
    [client],
  );
  const close = (r: RecordOut | null) => {
    resolve.current?.(r);
    setTarget(null);
  };
  return (
    <CreateLinkedContext.Provider value={open}>
      {children}
      <Modal
        open={Boolean(target)}
        title={
          target ? t('records:form.newTitle', { form: label(target.definition.title, target.form) }) : ''
        }
        onCancel={() => close(null)}
        footer={null}
        width={880}
        destroyOnHidden
      >
        {target && (
          <RecordEditor
            app={target.app}
            form={target.form}
            definition={target.definition}
            record={null}
            userId={userId}
            onSaved={(r) => close(r)}
            guard={false}
          />
        )}
      </Modal>
    </CreateLinkedContext.Provider>
  );
}

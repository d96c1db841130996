import { DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskAction } from '../../api/tasks.api';
import { actionWording } from './action-wording';

/** The order actions appear in; the first ones stay visible, the rest go under "More". */
const ORDER: readonly TaskAction[] = [
  'approve',
  'resubmit',
  'reject',
  'return',
  'transfer',
  'comment',
  'add_signer_before',
  'add_signer_after',
  'cc',
  'remind',
  'withdraw',
];
const PRIMARY = new Set<TaskAction>(['approve', 'resubmit']);
const DANGER = new Set<TaskAction>(['reject', 'withdraw']);

interface Props {
  readonly actions: readonly TaskAction[];
  readonly busy?: boolean;
  readonly onAction: (action: TaskAction) => void;
  readonly note?: string;
  /** The task's kind (a user task's approve reads "Done"). */
  readonly taskKind?: string | null;
}

/**
 * The decisions at the bottom of a task, always in reach (sticky, also on a phone): the main
 * ones as buttons — five on a laptop, two on a phone — the others in a "More" menu.
 */
export function ActionBar({ actions, busy, onAction, note, taskKind }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const visibleCount = screens.md ? 5 : 2;
  const sorted = ORDER.filter((a) => actions.includes(a));
  const shown = sorted.slice(0, visibleCount);
  const more = sorted.slice(visibleCount);
  if (sorted.length === 0) return null;
  return (
    <div className="task-action-bar" role="toolbar" aria-label={t('inbox:task.actions')}>
      {note && (
        <span className="inbox-muted" style={{ marginInlineEnd: 'auto' }}>
          {note}
        </span>
      )}
      {more.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: more.map((a) => ({
              key: a,
              label: t(`inbox:action.${actionWording(a, taskKind)}`),
              danger: DANGER.has(a),
            })),
            onClick: ({ key }) => onAction(key as TaskAction),
          }}
        >
          <Button disabled={busy}>
            {t('shared:action.more')} <DownOutlined aria-hidden />
          </Button>
        </Dropdown>
      )}
      {[...shown].reverse().map((a) => (
        <Button
          key={a}
          type={PRIMARY.has(a) ? 'primary' : 'default'}
          danger={DANGER.has(a)}
          disabled={busy}
          onClick={() => onAction(a)}
        >
          {t(`inbox:action.${actionWording(a, taskKind)}`)}
        </Button>
      ))}
    </div>
  );
}

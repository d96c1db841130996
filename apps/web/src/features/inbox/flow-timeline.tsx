import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel, useLocale } from '../../i18n/use-locale';
import { formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { useTimeline } from './inbox.queries';
import { type TimelineLine, timelineLines } from './timeline-lines';

/** One flow instance's timeline: who did what at which step, when, with their comments. */
export function FlowTimeline({ instanceId }: { instanceId: string }) {
  const timeline = useTimeline(instanceId);
  const { t } = useTranslation();
  if (timeline.isPending) return <PageLoading rows={3} />;
  if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />;
  const lines = timelineLines(timeline.data);
  if (lines.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox:timeline.none')} />;
  return (
    <Timeline
      className="flow-timeline"
      style={{ paddingTop: 8 }}
      items={lines.map((line) => ({
        key: line.key,
        color: line.tone,
        children: <Line line={line} />,
      }))}
    />
  );
}

function Line({ line }: { line: TimelineLine }) {
  const { t } = useTranslation();
  const label = useLabel();
  const locale = useLocale();
  const node = line.node ? label(line.node) : '';
  const values = {
    who: line.actor ?? t('inbox:timeline.system'),
    people: line.people.join(locale === 'zh-CN' ? '、' : ', '),
    target: line.target ? label(line.target) : t('inbox:timeline.earlierStep'),
    outcome: line.outcome ? t(`inbox:outcome.${line.outcome}`, { defaultValue: line.outcome }) : '',
  };
  return (
    <div>
      <div>
        <span>{t(`inbox:timeline.kind.${line.kind}`, values)}</span>
        {node && line.kind !== 'ended' && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            · {node}
          </Typography.Text>
        )}
      </div>
      <Typography.Text type="secondary" className="tabular" style={{ fontSize: 12 }}>
        {formatDateTime(line.at, locale)}
      </Typography.Text>
      {line.comment && (
        <blockquote
          style={{
            margin: '4px 0 0',
            padding: '4px 10px',
            borderInlineStart: '3px solid #d6dbe3',
            background: '#f7f9fc',
            whiteSpace: 'pre-wrap',
          }}
        >
          {line.comment}
        </blockquote>
      )}
    </div>
  );
}

import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationOut } from '@tessera/api';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notificationsApi } from '../../api/notifications.api';
import { RelativeTime } from '../../shared/ui/relative-time';
import { useOpenNotifications } from './shell.queries';

function target(n: NotificationOut): string | null {
  if (!n.link?.form) return null;
  const base = `/apps/${n.link.app}/forms/${n.link.form}`;
  return n.link.recordId ? `${base}/records/${n.link.recordId}` : base;
}

/** The in-app notifications (rule notices and to-dos): unread count, open one, mark it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useOpenNotifications();
  const done = useMutation({
    mutationFn: notificationsApi.markDone,
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = list.data ?? [];
  const content = (
    <div style={{ width: 'min(360px, 86vw)', maxHeight: 420, overflow: 'auto' }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shell:notifications.none')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => {
            const to = target(n);
            return (
              <List.Item
                actions={[
                  <Button
                    key="done"
                    size="small"
                    type="text"
                    icon={<CheckOutlined />}
                    aria-label={t('shell:notifications.markRead')}
                    title={t('shell:notifications.markRead')}
                    onClick={() => done.mutate(n.id)}
                  />,
                ]}
              >
                <List.Item.Meta
                  title={
                    to ? (
                      <Typography.Link
                        onClick={() => {
                          setOpen(false);
                          navigate(to);
                        }}
                      >
                        {n.title}
                      </Typography.Link>
                    ) : (
                      n.title
                    )
                  }
                  description={
                    <>
                      {n.body && <div>{n.body}</div>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <RelativeTime value={n.createdAt} />
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={t('shell:notifications.title')}
      content={content}
    >
      <Button
        type="text"
        aria-label={t('shell:notifications.bell', { count: items.length })}
        icon={
          <Badge count={items.length} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 17 }} />
          </Badge>
        }
      />
    </Popover>
  );
}

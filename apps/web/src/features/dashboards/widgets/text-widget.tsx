import { Typography } from 'antd';
import { useLabel } from '../../../i18n/use-locale';

/** A text widget: a heading (`## Sales`) or a short note, in the UI's language. */
export function TextWidget({ text }: { text: Readonly<Record<string, string>> | undefined }) {
  const label = useLabel();
  const value = label(text);
  const heading = /^(#{1,6})\s+(.*)$/.exec(value.trim());
  if (heading)
    return (
      <Typography.Title level={heading[1]!.length <= 2 ? 4 : 5} style={{ margin: 0 }}>
        {heading[2]}
      </Typography.Title>
    );
  return <Typography.Paragraph style={{ margin: 0 }}>{value}</Typography.Paragraph>;
}

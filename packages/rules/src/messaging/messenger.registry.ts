import type { Messenger, MessengerVendor } from '@tessera/schema';
import { aliyunSms } from './aliyun-sms.sender';
import { dingTalkRobot } from './dingtalk.robot';
import { feishuBot } from './feishu.bot';
import type { MessengerAdapter } from './messenger-adapter';
import { weComRobot } from './wecom.robot';

/** Every built-in vendor, one adapter each (a new vendor: one file and one line here). */
export const MESSENGERS: {
  readonly [V in MessengerVendor]: MessengerAdapter<Extract<Messenger, { vendor: V }>>;
} = {
  dingtalk: dingTalkRobot,
  wecom: weComRobot,
  feishu: feishuBot,
  aliyun_sms: aliyunSms,
};

export function adapterOf(messenger: Messenger): MessengerAdapter {
  const adapter = MESSENGERS[messenger.vendor] as MessengerAdapter | undefined;
  if (!adapter) throw new Error(`unknown messenger vendor "${String(messenger.vendor)}"`);
  return adapter;
}

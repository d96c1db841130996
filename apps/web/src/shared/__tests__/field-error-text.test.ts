import { fieldErrorMessage } from '@tessera/schema';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import en from '../i18n/en.json';
import zh from '../i18n/zh-CN.json';

// The record form shows a server field error in the user's language by its code and params,
// and the server's English text for a code it does not know.
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { shared: en }, 'zh-CN': { shared: zh } },
    lng: 'zh-CN',
    fallbackLng: 'en',
    defaultNS: 'shared',
    interpolation: { escapeValue: false },
  });
});

const refused = new ApiError(400, 'RECORD_INVALID', 'The record is invalid.', {
  type: 'https://tessera.dev/problems/record-invalid',
  title: '记录无效。',
  status: 400,
  code: 'RECORD_INVALID',
  errors: [
    {
      path: 'payment_terms_days',
      message: fieldErrorMessage('FIELD_MAX', { limit: 365 }),
      code: 'FIELD_MAX',
      params: { limit: 365 },
    },
    { path: 'name', message: 'is required', code: 'FIELD_REQUIRED', params: {} },
    { path: 'items[2].qty', message: 'must be at least 1', code: 'FIELD_MIN', params: { limit: 1 } },
    {
      path: 'code',
      message: 'is taken by a newer rule',
      code: 'FIELD_FROM_A_NEWER_SERVER',
      params: { n: 1 },
    },
    { path: 'phone', message: 'must be a phone number' },
  ],
});

describe('server field errors in the record form', () => {
  it('in Chinese: by code, the params filled in', () => {
    expect(refused.fieldErrorsIn(i18n.getFixedT('zh-CN'))).toEqual({
      payment_terms_days: '不能大于 365',
      name: '必填',
      'items[2].qty': '不能小于 1',
      code: 'is taken by a newer rule',
      phone: 'must be a phone number',
    });
  });

  it('in English: the UI’s own wording, the server’s message for an unknown code', () => {
    const shown = refused.fieldErrorsIn(i18n.getFixedT('en'));
    expect(shown.payment_terms_days).toBe('Must be at most 365');
    expect(shown.name).toBe('Required');
    expect(shown.code).toBe('is taken by a newer rule');
  });

  it('fieldErrors (untranslated) keeps the server’s English', () => {
    expect(refused.fieldErrors.payment_terms_days).toBe('must be at most 365');
  });
});

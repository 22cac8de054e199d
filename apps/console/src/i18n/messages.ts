import * as auditLog from '../audit-log/messages';
import * as awards from '../awards/messages';
import * as bindings from '../bindings/messages';
import * as cases from '../cases/messages';
import * as changeRequests from '../change-requests/messages';
import * as schemeEditor from '../documents/editor/messages';
import * as evaluations from '../evaluations/messages';
import * as experiments from '../experiments/messages';
import * as institution from '../institution/messages';
import * as home from '../home/messages';
import * as inbox from '../notifications/messages';
import * as notificationPreferences from '../notification-preferences/messages';
import * as periods from '../periods/messages';
import * as scorecards from '../scorecards/messages';
import * as surveys from '../surveys/messages';
import { en } from './en';
import { mergeMessages, type Tree } from './merge-messages';
import { zhCN } from './zh-CN';

/**
 * Our own labels: the shared ones (en.ts, zh-CN.ts) and each screen's own messages.ts, which
 * exports `en` and a `zhCN` typed like it (so the two languages keep the same keys).
 */
const FRAGMENTS = [schemeEditor, evaluations, scorecards, cases, experiments, periods, institution, auditLog, bindings, inbox, notificationPreferences, home, changeRequests, surveys, awards];

export const OWN_MESSAGES: { en: Tree; 'zh-CN': Tree } = {
  en: mergeMessages(en, ...FRAGMENTS.map((fragment) => fragment.en)),
  'zh-CN': mergeMessages(zhCN, ...FRAGMENTS.map((fragment) => fragment.zhCN)),
};

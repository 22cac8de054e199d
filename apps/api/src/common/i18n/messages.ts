import { type CatalogEntry, interpolate, localizeIssue, type MessageLanguage, type MessageParams, type ValidationIssue } from '@carescore/engine';
import { currentLanguage } from './request-language';

/**
 * The API's own messages (4xx answers, import rows), by stable key, in English and Chinese. The engine's validation
 * messages have their catalog in libs/engine/src/messages; `engineText` renders those. Keys never change with the
 * language; only the texts do. `{name}` takes a param; `{what}` params are nouns from API_NOUNS, translated.
 */
export const API_NOUNS: Readonly<Record<string, { en: string; zh: string }>> = {
  staff: { en: 'staff', zh: '员工' },
  'staff member': { en: 'staff member', zh: '员工' },
  user: { en: 'user', zh: '用户' },
  team: { en: 'team', zh: '团队' },
  scorecard: { en: 'scorecard', zh: '考核结果' },
  case: { en: 'case', zh: '工单' },
  binding: { en: 'binding', zh: '绑定' },
  experiment: { en: 'experiment', zh: '实验' },
  period: { en: 'period', zh: '考核周期' },
  facts: { en: 'facts', zh: '事实数据' },
  document: { en: 'document', zh: '规则文档' },
  'versions of document': { en: 'versions of document', zh: '规则文档的版本' },
  'draft of document': { en: 'draft of document', zh: '规则文档的草稿' },
  institution: { en: 'institution', zh: '机构' },
  feedback: { en: 'feedback', zh: '反馈' },
  'evaluation run': { en: 'evaluation run', zh: '考核运行' },
  appeal: { en: 'appeal', zh: '申诉' },
  notification: { en: 'notification', zh: '通知' },
  open: { en: 'open', zh: '开放' },
  published: { en: 'published', zh: '已公示' },
  closed: { en: 'closed', zh: '已封账' },
};

export const API_MESSAGES = {
  // Requests and the exception filter
  'request.invalid': { en: 'the request is invalid', zh: '请求无效' },
  'request.body_too_large': { en: 'the request body is too large', zh: '请求体过大' },
  'request.malformed_json': { en: 'malformed JSON: {detail}', zh: 'JSON 格式错误：{detail}' },
  'request.id_mismatch': { en: 'the id in the body is not the id in the URL', zh: '请求体中的 id 与 URL 中的 id 不一致' },
  'request.id_mismatch.detail': { en: 'must be the id in the URL ({id}) or left out', zh: '必须与 URL 中的 id（{id}）相同，或省略' },
  'server.error': { en: 'something went wrong on our side; it has been logged', zh: '服务器出错了，已记录日志' },
  'database.duplicate': { en: 'this would duplicate an existing record', zh: '这会与已有记录重复' },
  'database.bad_reference': { en: 'a referenced record does not exist or is still in use', zh: '引用的记录不存在或仍在使用中' },
  'database.invalid_value': { en: 'a value is not valid', zh: '某个值无效' },
  'database.unstorable': { en: 'a value contains a character that cannot be stored (such as NUL, U+0000)', zh: '某个值包含无法存储的字符（如 NUL，U+0000）' },
  'database.unstorable.detail': { en: 'contains a character that cannot be stored', zh: '包含无法存储的字符' },
  'not_found': { en: '{what} not found', zh: '未找到{what}' },
  'not_found.id': { en: '{what} {id} not found', zh: '未找到{what} {id}' },
  forbidden: { en: 'your role may not do this', zh: '你的角色无权执行此操作' },
  'document.invalid': { en: 'the document is invalid', zh: '文档无效' },

  // Signing in
  'auth.wrong_credentials': { en: 'wrong email or password', zh: '邮箱或密码错误' },
  'auth.too_many_attempts': { en: 'too many failed sign-ins; try again in {seconds} s', zh: '登录失败次数过多，请 {seconds} 秒后再试' },
  'auth.sign_in_first': { en: 'sign in first: send Authorization: Bearer <token>', zh: '请先登录：发送 Authorization: Bearer <token>' },
  'auth.account_disabled': { en: 'this account is disabled; ask an administrator', zh: '此账号已停用，请联系管理员' },
  'auth.token_expired': { en: 'the token is invalid or has expired; sign in again', zh: '令牌无效或已过期，请重新登录' },
  'auth.token_invalid': { en: 'the token is invalid; sign in again', zh: '令牌无效，请重新登录' },
  'auth.roles_required': { en: 'this needs one of the roles {roles}', zh: '需要以下角色之一：{roles}' },

  // Names and codes that must be unique
  taken: { en: 'is already taken', zh: '已被占用' },
  'taken.in_institution': { en: 'is already taken in your institution', zh: '在你的机构中已被占用' },
  'teams.name_taken': { en: 'a team named {name} already exists', zh: '已存在名为 {name} 的团队' },
  'staff.code_taken': { en: 'a staff member with the code {code} already exists', zh: '已存在工号为 {code} 的员工' },
  'users.email_taken': { en: 'a user of your institution already has the email {email}', zh: '你的机构中已有用户使用邮箱 {email}' },

  // Documents
  'documents.revision_conflict': { en: 'the document changed since you loaded it (revision {revision}); reload and retry', zh: '文档在你加载后已被修改（你加载的是修订版 {revision}），请重新加载后再试' },
  'documents.revision_conflict.detail': { en: 'the document is now at revision {revision}', zh: '文档现在是修订版 {revision}' },

  // Periods
  'periods.closed': { en: 'period {period} is closed', zh: '考核周期 {period} 已封账' },
  'periods.is_closed': { en: '{period} is closed', zh: '{period} 已封账' },
  'periods.closed.detail': { en: 'is closed', zh: '已封账' },
  'periods.closed_by_database': {
    en: 'period {period} is closed: its facts, bindings, runs and acknowledgements no longer change; an admin may reopen it',
    zh: '考核周期 {period} 已封账：其事实数据、绑定、运行和确认不再变更；管理员可以重新开放它',
  },
  'periods.already_in_state': { en: '{period} is already {state}', zh: '{period} 已经是{state}状态' },
  'periods.in_state.detail': { en: 'is {state}', zh: '处于{state}状态' },
  'periods.not_published_yet': { en: '{period} is not published yet; publish it before closing it', zh: '{period} 尚未公示，请先公示再封账' },
  'periods.not_closed': { en: '{period} is {state}, not closed; only a closed period is reopened', zh: '{period} 处于{state}状态，未封账；只有已封账的周期才能重新开放' },
  'periods.no_results': { en: '{period} has no results to publish; run an evaluation first', zh: '{period} 没有可公示的结果，请先运行考核' },
  'periods.no_results.detail': { en: 'has no current scorecards', zh: '没有当前的考核结果' },
  'periods.closed_before_run': { en: '{period} is closed; an admin must reopen it before it is evaluated again', zh: '{period} 已封账，需管理员重新开放后才能再次考核' },

  // Fact imports
  'facts.no_rows': { en: 'there are no fact rows; nothing was stored', zh: '没有事实数据行，未存储任何内容' },
  'facts.no_rows.detail': { en: 'has no fact rows', zh: '没有事实数据行' },
  'facts.problems': {
    en: (p) => `${String(p.count)} problem(s) in ${String(p.rows)} row(s)${Number(p.count) > Number(p.listed) ? ` (the first ${String(p.listed)} are listed)` : ''}; nothing was stored. ${String(p.numbering)}. Send ?partial=true to store the valid rows anyway`,
    zh: (p) => `${String(p.rows)} 行中有 ${String(p.count)} 个问题${Number(p.count) > Number(p.listed) ? `（列出前 ${String(p.listed)} 个）` : ''}，未存储任何内容。${String(p.numbering)}。发送 ?partial=true 可仍然存储有效的行`,
  },
  'facts.numbering.json': { en: 'Rows are numbered from 0 in the order sent', zh: '行号按发送顺序从 0 开始' },
  'facts.numbering.sheet': { en: 'Rows are numbered as in the spreadsheet: the header is row {header}, the first fact row {first}', zh: '行号与表格一致：表头为第 {header} 行，第一行数据为第 {first} 行' },
  'facts.row.column': { en: 'column {column} ({name}): ', zh: '第 {column} 列（{name}）：' },
  'facts.row.required': { en: 'is required', zh: '必填' },
  'facts.row.too_long': { en: 'must be at most {max} characters', zh: '最多 {max} 个字符' },
  'facts.row.period_format': { en: 'must be a month like 2026-03 or a quarter like 2026-Q1', zh: '必须是月份（如 2026-03）或季度（如 2026-Q1）' },
  'facts.row.repeats': { en: 'repeats staff member {code} for {period} from {first}; each staff member may appear once per period', zh: '与{first}重复：员工 {code} 在 {period} 已出现；每位员工每个周期只能出现一次' },
  'facts.row.name.json': { en: 'item {index}', zh: '第 {index} 项' },
  'facts.row.name.sheet': { en: 'row {line}', zh: '第 {line} 行' },
  'facts.row.unknown_staff': { en: 'no staff member has the code {code}', zh: '没有工号为 {code} 的员工' },
  'facts.row.inactive_staff': { en: 'staff member {code} is inactive', zh: '员工 {code} 已停用' },
  'facts.row.unbound.institution': { en: 'no scheme is bound to {period} for the whole institution (staff member {code} has no team)', zh: '{period} 没有为整个机构绑定方案（员工 {code} 不属于任何团队）' },
  'facts.row.unbound.team': { en: 'no scheme is bound to {period} for team {team}', zh: '{period} 没有为团队 {team} 绑定方案' },
  'facts.row.scheme_unreadable': { en: 'the scheme bound to this period (version {version}) cannot be read', zh: '此周期绑定的方案（版本 {version}）无法读取' },
  'facts.row.scheme_missing': { en: 'the scheme bound to this period was not found', zh: '未找到此周期绑定的方案' },
  'facts.row.fields': { en: 'has {count} field(s) but the header has {width}', zh: '有 {count} 个字段，但表头有 {width} 个' },
  'facts.row.stray_value': { en: 'has a value in column {column}, which has no header', zh: '第 {column} 列有值，但该列没有表头' },
  'facts.row.not_number': { en: 'must be a number', zh: '必须是数字' },
  'facts.row.not_number_list': { en: 'must be a list of numbers', zh: '必须是数字列表' },
} satisfies Readonly<Record<string, CatalogEntry>>;

/**
 * Chinese for the fixed English messages the API's own zod schemas give (request shapes); zod's defaults and the
 * engine's schema messages are rendered by the engine's catalog. Looked up by the English text, the issue's `detail`.
 */
export const API_SCHEMA_DETAIL_ZH: Readonly<Record<string, string>> = {
  'is required': '必填',
  'must not be empty': '不能为空',
  'must be at least 1': '至少为 1',
  'must be at least 8 characters': '至少 8 个字符',
  'must be at most 72 bytes long (the bcrypt limit)': '最多 72 字节（bcrypt 的上限）',
  'must be a month like 2026-03 or a quarter like 2026-Q1': '必须是月份（如 2026-03）或季度（如 2026-Q1）',
  'must be a version number': '必须是版本号',
  'must be a version number or draft': '必须是版本号或 draft',
  'must be <staff id>:<period>, like 3f1c…:2026-03': '必须是 <员工 id>:<周期>，如 3f1c…:2026-03',
  'lower-case letters, digits, - and _, at most 64': '只能含小写字母、数字、- 和 _，最多 64 个字符',
  'must be from 0 to 10': '必须在 0 到 10 之间',
  'must be from 1 to 5': '必须在 1 到 5 之间',
  'must hold at least one fact row': '至少需要一行事实数据',
  'must hold at least one response': '至少需要一条回复',
  'say why, in at least 5 characters': '请说明原因，至少 5 个字符',
  'printable ASCII without spaces': '只能是不含空格的可打印 ASCII 字符',
  'must be an IANA time zone such as Asia/Shanghai': '必须是 IANA 时区，如 Asia/Shanghai',
  'send facts, or a period whose stored facts to use': '请发送事实数据，或指定一个使用其已存事实数据的周期',
  'applies only without facts': '仅在不发送事实数据时适用',
};

export type ApiMessageKey = keyof typeof API_MESSAGES;
export const API_MESSAGE_KEYS = Object.keys(API_MESSAGES) as ApiMessageKey[];

const NOUN_PARAMS = ['what', 'state'];

/** A message in a given language. */
export function msgIn(language: MessageLanguage, key: ApiMessageKey, params: MessageParams = {}): string {
  const text = (API_MESSAGES as Readonly<Record<ApiMessageKey, CatalogEntry>>)[key][language];
  if (typeof text === 'function') return text(params, language);
  const translated: Record<string, string | number | boolean> = { ...params };
  for (const name of NOUN_PARAMS) {
    const value = params[name];
    if (typeof value === 'string') translated[name] = API_NOUNS[value]?.[language] ?? value;
  }
  return interpolate(text, translated, language);
}

/** A message in the language of the request being answered (English outside a request). */
export function msg(key: ApiMessageKey, params: MessageParams = {}): string {
  return msgIn(currentLanguage(), key, params);
}

/** An engine validation issue's message in the request's language (by its catalog code; as it came otherwise). */
export function engineText(issue: ValidationIssue): string {
  return localizeIssue(issue, currentLanguage()).message;
}

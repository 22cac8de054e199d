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
  scheme: { en: 'scheme', zh: '方案' },
  month: { en: 'month', zh: '月度' },
  quarter: { en: 'quarter', zh: '季度' },
  workflow: { en: 'workflow', zh: '流程' },
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

  // Documents, bindings, teams, users, cases, lists, NUL characters
  'documents.no_draft': { en: 'there is no draft to publish; edit the document to start one', zh: '没有可发布的草稿；请先编辑文档以创建草稿' },
  'documents.version_is_draft': { en: 'version {version} is a draft, not published: discard it instead', zh: '版本 {version} 是草稿，尚未发布：请直接丢弃它' },
  'documents.version_retired': { en: 'version {version} is already retired', zh: '版本 {version} 已停用' },
  'documents.version_bound': { en: 'version {version} is bound to {periods}: rebind those periods first', zh: '版本 {version} 已绑定到 {periods}：请先为这些周期重新绑定' },
  'documents.draft_pending': { en: 'publish or discard the draft (version {version}) first', zh: '请先发布或丢弃草稿（版本 {version}）' },
  'documents.only_version': { en: 'the draft is the document\'s only version: delete the document instead', zh: '草稿是文档唯一的版本：请直接删除文档' },
  'documents.published_not_deletable': { en: 'a document that has been published cannot be deleted; retire its versions instead', zh: '已发布过的文档不能删除；请停用其版本' },
  'documents.nothing_to_preview': { en: 'the document has no draft and no published version: name a version to preview', zh: '文档没有草稿也没有已发布版本：请指定要预览的版本' },
  'required_here': { en: 'is required here', zh: '此处必填' },
  'documents.kind_fixed': { en: 'must stay {kind}: a document\'s kind cannot change', zh: '必须保持为 {kind}：文档的类型不能改变' },
  'documents.key_fixed': { en: 'must stay {key}: to use another key, create a new document', zh: '必须保持为 {key}：如需使用其他 key，请新建文档' },
  'documents.other_document': { en: 'the content belongs to another document', zh: '内容属于另一个文档' },
  'documents.key_exists': { en: 'a {kind} with key {key} already exists', zh: '已存在 key 为 {key} 的{kind}' },
  'documents.key_taken': { en: '{key} is taken by another {kind}', zh: '{key} 已被另一个{kind}占用' },
  'documents.not_scheme': { en: 'only schemes produce scorecards; {key} is a {kind}', zh: '只有方案才会产生考核结果；{key} 是{kind}' },
  'documents.facts_unfit': { en: 'the facts do not fit the scheme', zh: '事实数据与方案不符' },
  'teams.not_found': { en: 'team {id} not found', zh: '未找到团队 {id}' },
  'teams.not_in_institution': { en: 'no such team in your institution', zh: '你的机构中没有这个团队' },
  'bindings.already_bound': { en: '{period} is already bound for {scope}; change that binding instead', zh: '{period} 已为{scope}绑定；请修改那个绑定' },
  'bindings.already_bound.detail': { en: 'already bound (binding {id})', zh: '已绑定（绑定 {id}）' },
  'documents.not_found': { en: 'document {id} not found', zh: '未找到规则文档 {id}' },
  'documents.not_in_institution': { en: 'no such document in your institution', zh: '你的机构中没有这个文档' },
  'bindings.not_scheme': { en: '{key} is a {kind} document; only schemes score periods', zh: '{key} 是{kind}文档；只有方案才能为周期计分' },
  'bindings.must_be_scheme': { en: 'must be a scheme', zh: '必须是方案' },
  'bindings.no_version': { en: '{key} has no version {version}', zh: '{key} 没有版本 {version}' },
  'bindings.no_version.detail': { en: 'no version {version} of {key}', zh: '{key} 没有版本 {version}' },
  'bindings.not_published': { en: 'version {version} of {key} is {status}; only published versions can be bound', zh: '{key} 的版本 {version} 状态为 {status}；只能绑定已发布的版本' },
  'bindings.not_published.detail': { en: 'must be a published version, not {status}', zh: '必须是已发布的版本，而不是 {status}' },
  'teams.has_staff': { en: 'team {name} still has {count} staff member(s); move them to another team first', zh: '团队 {name} 还有 {count} 名员工；请先将他们调到其他团队' },
  'teams.has_bindings': { en: 'team {name} has {count} period binding(s); remove them first', zh: '团队 {name} 有 {count} 个周期绑定；请先删除它们' },
  'users.not_found': { en: 'user {id} not found', zh: '未找到用户 {id}' },
  'users.not_in_institution': { en: 'no such user in your institution', zh: '你的机构中没有这个用户' },
  'teams.not_manager': { en: '{email} is not a manager', zh: '{email} 不是经理' },
  'teams.not_manager.detail': { en: 'must be a user with role manager, not {role}', zh: '必须是角色为经理（manager）的用户，而不是 {role}' },
  'users.inactive': { en: '{email} is inactive', zh: '{email} 已停用' },
  'users.must_be_active': { en: 'must be an active user', zh: '必须是启用的用户' },
  'users.self_demote': { en: 'you cannot take away your own admin role; ask another admin', zh: '你不能取消自己的管理员角色；请找其他管理员' },
  'users.self_demote.detail': { en: 'cannot demote yourself', zh: '不能给自己降级' },
  'users.self_deactivate': { en: 'you cannot deactivate yourself; ask another admin', zh: '你不能停用自己；请找其他管理员' },
  'users.self_deactivate.detail': { en: 'cannot deactivate yourself', zh: '不能停用自己' },
  'users.staff_link_required': { en: 'a user with role staff must name the staff member it signs in as', zh: '角色为员工的用户必须指定其登录身份对应的员工' },
  'users.staff_link_required.detail': { en: 'is required for role staff', zh: '角色为员工时必填' },
  'staff.not_found': { en: 'staff {id} not found', zh: '未找到员工 {id}' },
  'staff.not_in_institution': { en: 'no such staff member in your institution', zh: '你的机构中没有这名员工' },
  'users.staff_linked': { en: 'staff {code} already signs in as {email}', zh: '员工 {code} 已以 {email} 登录' },
  'users.staff_linked.detail': { en: 'is already linked to user {email}', zh: '已关联到用户 {email}' },
  'users.manages_teams': { en: '{email} manages {teams}; give those teams another manager first', zh: '{email} 管理着 {teams}；请先为这些团队指定其他经理' },
  'users.manages_teams.detail': { en: 'must stay manager while the user manages {count} team(s)', zh: '该用户管理着 {count} 个团队，角色必须保持为经理' },
  'cases.wrong_stage': { en: 'case {id} is at stage {stage}, not {requested}; reload it', zh: '工单 {id} 处于阶段 {stage}，而不是 {requested}；请重新加载' },
  'cases.wrong_stage.detail': { en: 'the current stage is {stage}', zh: '当前阶段是 {stage}' },
  'cases.stage_role': { en: 'stage {stage} is completed by the role {role}', zh: '阶段 {stage} 由角色 {role} 完成' },
  'cases.closed': { en: 'case {id} is closed; nothing can be done to it but comments', zh: '工单 {id} 已关闭；只能添加评论' },
  'cases.changed': { en: 'case {id} has changed since you loaded it (version {version}, now {now}); reload it', zh: '工单 {id} 在你加载后已被修改（版本 {version}，现在是 {now}）；请重新加载' },
  'cases.version_now': { en: 'is {version} now', zh: '现在是 {version}' },
  'cases.closed_meanwhile': { en: 'case {id} was closed in the meantime; nothing was changed', zh: '工单 {id} 已在此期间关闭；未做任何更改' },
  'cases.send_back_earlier': { en: 'case {id} is at stage {stage}; it can only be sent back to an earlier stage', zh: '工单 {id} 处于阶段 {stage}；只能退回到更早的阶段' },
  'cases.send_back_earlier.detail': { en: 'must be a stage before {stage}', zh: '必须是 {stage} 之前的阶段' },
  'cases.assignee_inactive.detail': { en: 'is not an active user of your institution', zh: '不是你机构中的启用用户' },
  'cases.assignee_inactive': { en: 'user {id} is not an active user of your institution', zh: '用户 {id} 不是你机构中的启用用户' },
  'cases.assignee_staff': { en: 'cases are assigned to quality officers, managers or admins, not to staff logins', zh: '工单只能分派给质控专员、经理或管理员，不能分派给员工账号' },
  'cases.assignee_staff.detail': { en: 'is a staff login', zh: '是员工账号' },

  // The in-app inbox: each item's title and body, rendered in the reader's language when read
  'inbox.case_stage_started.title': { en: 'A case is waiting for you: {workflow}', zh: '待你处理的工单：{workflow}' },
  'inbox.case_stage_started.body': { en: 'The {workflow} case of {staff} ({period}) is at the stage “{stage}”; it is due within {hours} h.', zh: '{staff}（{period}）的{workflow}工单已进入“{stage}”阶段，请在 {hours} 小时内处理。' },
  'inbox.period_published.title': { en: 'Results of {period} published', zh: '{period}考核结果已公示' },
  'inbox.period_published.body': { en: 'Your scorecard of {period} is published: review it and acknowledge it before the appeal deadline.', zh: '你的{period}考核结果已公示，请查看并在申诉截止前确认。' },
  'inbox.appeal_decided.title': { en: 'Appeal of {period} decided', zh: '{period}申诉已处理' },
  'inbox.appeal_decided.upheld.body': { en: 'The appeal of {staff}’s scorecard of {period} is decided: the result stands.', zh: '{staff}的{period}考核结果申诉已处理：维持原结果。' },
  'inbox.appeal_decided.corrected.body': { en: 'The appeal of {staff}’s scorecard of {period} is decided: the inputs were corrected and the scorecard is being recalculated.', zh: '{staff}的{period}考核结果申诉已处理：数据已更正，考核结果正在重新计算。' },
  'inbox.scheduled_run_failed.title': { en: 'Scheduled evaluation of {period} failed', zh: '{period}定时考核未完成' },
  'inbox.scheduled_run_failed.body': { en: 'The scheduled evaluation of {period} did not complete: {reason}', zh: '{period}的定时考核未能完成：{reason}' },
  'list.json_once': { en: '{name} must be given once, as JSON', zh: '{name} 只能以 JSON 形式给出一次' },
  'list.json_string': { en: 'must be a JSON string', zh: '必须是 JSON 字符串' },
  'list.not_json': { en: '{name} is not valid JSON', zh: '{name} 不是有效的 JSON' },
  'list.not_json.detail': { en: 'is not valid JSON', zh: '不是有效的 JSON' },
  'list.sort_shape': { en: 'sort must look like ["field","ASC"]', zh: 'sort 的格式必须像 ["field","ASC"]' },
  'list.sort_shape.detail': { en: 'must look like ["field","ASC"]', zh: '格式必须像 ["field","ASC"]' },
  'list.sort_field': { en: 'cannot sort by {name}', zh: '不能按 {name} 排序' },
  'one_of': { en: 'must be one of {values}', zh: '必须是以下之一：{values}' },
  'list.range_shape': { en: 'range must look like [0,24]', zh: 'range 的格式必须像 [0,24]' },
  'list.filter_invalid': { en: 'filter is invalid', zh: 'filter 无效' },
  'nul.in_text': { en: 'contains a NUL character (U+0000){where}; text may not contain it', zh: '包含 NUL 字符（U+0000）{where}；文本中不能包含它' },
  'nul.in_key': { en: 'has a key containing a NUL character (U+0000); names may not contain it', zh: '有一个键包含 NUL 字符（U+0000）；名称中不能包含它' },
  'nul.in_query_name': { en: 'a query parameter name contains a NUL character (U+0000)', zh: '某个查询参数名包含 NUL 字符（U+0000）' },
  'nul.request': { en: 'the request contains a NUL character (U+0000) at {at}; remove it', zh: '请求在 {at} 处包含 NUL 字符（U+0000）；请删除它' },
  'nul.its_body': { en: 'its body', zh: '请求体' },
  'documents.forbidden_quality': { en: 'a quality officer may write workflow documents only', zh: '质控专员只能编写流程文档' },
  'documents.forbidden_role': { en: 'your role may not change rule documents', zh: '你的角色不能修改规则文档' },
  'bindings.scope.team': { en: 'team {name}', zh: '团队 {name}' },
  'bindings.scope.institution': { en: 'the whole institution', zh: '整个机构' },
  // Spreadsheet cells of fact imports (the text problems come coded from libs/csv/src/fact-cell.ts)
  'facts.cell.list_in_single': { en: 'must be a single number ("{text}" is a list; only list inputs take ;-separated numbers)', zh: '必须是单个数字（"{text}" 是列表；只有列表输入才接受以 ; 分隔的数字）' },
  'facts.cell.not_number': { en: '"{text}" is not a number', zh: '"{text}" 不是数字' },
  'facts.cell.empty_item': { en: 'item {index} of "{text}" is empty; separate the numbers with a single ;', zh: '"{text}" 的第 {index} 项为空；请用单个 ; 分隔数字' },
  'facts.cell.item_not_number': { en: 'item {index} ("{item}") is not a number', zh: '第 {index} 项（"{item}"）不是数字' },
  'facts.cell.date': { en: 'is a date ({date})', zh: '是日期（{date}）' },
  'facts.cell.boolean': { en: 'is {value}', zh: '是 {value}' },
  'facts.cell.error': { en: 'holds the spreadsheet error {text}', zh: '含表格错误 {text}' },
  'facts.cell.other_not_number': { en: '{other}, not a number', zh: '{other}，不是数字' },
  'facts.cell.other_not_number_list': { en: '{other}, not a list of numbers', zh: '{other}，不是数字列表' },
  'facts.cell.code_number': { en: 'is the number {value}; a staff code is text', zh: '是数字 {value}；工号应为文本' },
  'facts.cell.code_other': { en: '{other}; a staff code is text', zh: '{other}；工号应为文本' },
  'facts.cell.period_number': { en: 'is the number {value}; write the period as text like 2026-03 or 2026-Q1', zh: '是数字 {value}；请把周期写成文本，如 2026-03 或 2026-Q1' },
  'facts.cell.period_other': { en: '{other}; write the period as text like 2026-03 or 2026-Q1', zh: '{other}；请把周期写成文本，如 2026-03 或 2026-Q1' },
  // Fact files, idempotency, sign-in choices, document revisions
  'facts.sheet.how_to_send': { en: 'send the facts as a multipart/form-data upload with the file in the field "file" (CSV or XLSX), as a text/csv body, or as JSON {"csv": "…"}', zh: '请以 multipart/form-data 上传（文件放在字段 "file" 中，CSV 或 XLSX）、以 text/csv 请求体，或以 JSON {"csv": "…"} 发送事实数据' },
  'facts.sheet.xls': { en: 'Excel 97–2003 workbooks (.xls) cannot be read; save the file as .xlsx or as CSV (UTF-8)', zh: '无法读取 Excel 97–2003 工作簿（.xls）；请另存为 .xlsx 或 CSV（UTF-8）' },
  'facts.sheet.xls.detail': { en: 'must be an .xlsx workbook or a CSV', zh: '必须是 .xlsx 工作簿或 CSV' },
  'facts.sheet.not_xlsx': { en: '{name} is not an XLSX workbook (it does not start like a zip file)', zh: '{name} 不是 XLSX 工作簿（开头不像 zip 文件）' },
  'facts.sheet.not_xlsx.detail': { en: 'is not a readable .xlsx workbook', zh: '不是可读取的 .xlsx 工作簿' },
  'facts.sheet.not_utf8': { en: 'the file is neither an XLSX workbook nor UTF-8 text; save the CSV as UTF-8 (in Excel: "CSV UTF-8")', zh: '文件既不是 XLSX 工作簿也不是 UTF-8 文本；请将 CSV 保存为 UTF-8（Excel 中选 "CSV UTF-8"）' },
  'facts.sheet.not_utf8.detail': { en: 'is not UTF-8 text', zh: '不是 UTF-8 文本' },
  'facts.sheet.too_many_rows': { en: 'the file has {rows} rows; at most {max} are taken at once, so split it', zh: '文件有 {rows} 行；一次最多接收 {max} 行，请拆分' },
  'facts.sheet.too_many_rows.detail': { en: 'has more than {max} rows', zh: '超过 {max} 行' },
  'facts.sheet.nothing_stored': { en: '{problem}; nothing was stored', zh: '{problem}；未存储任何内容' },
  'facts.sheet.nul': { en: 'row {line}, column {column} contains a NUL character (U+0000), which text may not contain', zh: '第 {line} 行第 {column} 列包含 NUL 字符（U+0000），文本中不能包含它' },
  'facts.sheet.csv_unreadable': { en: 'the CSV cannot be read: row {line}, column {column}: {problem}; nothing was stored', zh: '无法读取 CSV：第 {line} 行第 {column} 个字符：{problem}；未存储任何内容' },
  'facts.sheet.no_worksheet': { en: 'the workbook has no worksheet', zh: '工作簿中没有工作表' },
  'facts.sheet.no_worksheet.detail': { en: 'has no worksheet', zh: '没有工作表' },
  'facts.sheet.empty': { en: 'the file is empty; expected a header staffCode,period,<input>… and one row per staff member and period', zh: '文件为空；应有表头 staffCode,period,<输入>…，并且每位员工每个周期一行' },
  'facts.sheet.header_shape': { en: 'must be staffCode,period,<input>…', zh: '必须是 staffCode,period,<输入>…' },
  'facts.sheet.header_empty': { en: 'is empty; every column needs a name (staffCode, period or an input of the scheme)', zh: '为空；每一列都需要名称（staffCode、period 或方案中的输入）' },
  'facts.sheet.header_twice': { en: 'column {name} appears twice', zh: '列 {name} 出现了两次' },
  'facts.sheet.header_missing': { en: 'is missing the column {name}; the header must be staffCode,period,<input>…', zh: '缺少列 {name}；表头必须是 staffCode,period,<输入>…' },
  'facts.sheet.header_wrong': { en: 'the header row is wrong; nothing was stored. It must be staffCode,period,<input>…', zh: '表头行有误，未存储任何内容。表头必须是 staffCode,period,<输入>…' },
  'facts.list_numbers_exceeded': { en: 'the rows hold {count} numbers in list inputs; one upload takes at most {max}, so split it', zh: '这些行的列表输入共有 {count} 个数字；一次上传最多 {max} 个，请拆分' },
  'idempotency.reused': { en: '{header} {key} was already used with a different request; use a new key for a new request', zh: '{header} {key} 已用于另一个不同的请求；新请求请使用新的 key' },
  'idempotency.reused.detail': { en: 'already used within {lifetime} with a different body', zh: '在 {lifetime} 内已用于不同的请求体' },
  'idempotency.pending': { en: 'a request with {header} {key} is still being answered; try again in a moment', zh: '带有 {header} {key} 的请求仍在处理中；请稍后再试' },
  'idempotency.pending.detail': { en: 'in progress', zh: '处理中' },
  'idempotency.contended': { en: '{header} {key} is contended; try again in a moment', zh: '{header} {key} 正被争用；请稍后再试' },
  'idempotency.contended.detail': { en: 'contended', zh: '被争用' },
  'auth.choose_institution': { en: 'this email and password sign in to {count} institutions ({names}); sign in again with institutionId set to one of them', zh: '此邮箱和密码可登录 {count} 个机构（{names}）；请将 institutionId 设为其中之一后重新登录' },
  'auth.choose_institution.detail': { en: 'may be {id} ({name})', zh: '可以是 {id}（{name}）' },
  'documents.diff_no_earlier': { en: 'version 1 has no earlier version: name one with from', zh: '版本 1 没有更早的版本：请用 from 指定一个' },
  'documents.diff_no_earlier.detail': { en: 'is required when to is version 1', zh: 'to 为版本 1 时必填' },
  'documents.no_template': { en: 'there is no template {name}', zh: '没有模板 {name}' },
  'documents.if_match_shape': { en: 'If-Match must be the ETag of the document, like "3"', zh: 'If-Match 必须是文档的 ETag，如 "3"' },
  'documents.if_match_shape.detail': { en: 'If-Match must be a revision such as "3"', zh: 'If-Match 必须是修订号，如 "3"' },
  'documents.if_match_disagree': { en: 'If-Match and revision disagree', zh: 'If-Match 与 revision 不一致' },
  'documents.if_match_disagree.detail': { en: 'is {body}, but If-Match says {header}', zh: '是 {body}，但 If-Match 是 {header}' },
  'documents.revision_required': { en: 'send the revision you loaded, as If-Match or as revision', zh: '请发送你加载的修订号（If-Match 或 revision）' },
  'documents.revision_required.detail': { en: 'is required (or send an If-Match header)', zh: '必填（或发送 If-Match 头）' },
  'facts.sheet.the_upload': { en: 'the upload', zh: '上传的文件' },
  // Experiments
  'experiments.key_exists': { en: 'an experiment with key {key} already exists', zh: '已存在 key 为 {key} 的实验' },
  'experiments.key_exists.detail': { en: 'already used', zh: '已被使用' },
  'experiments.frozen.detail': { en: 'cannot change once {status}', zh: '状态为 {status} 后不能再修改' },
  'experiments.overlap.detail': { en: 'overlaps running split experiment {key} ({id})', zh: '与运行中的分流实验 {key}（{id}）重叠' },
  'experiments.overlap': { en: 'split experiment {key} is running over the same periods and teams; stop it first', zh: '分流实验 {key} 正在相同的周期和团队上运行；请先停止它' },
  'experiments.not_promotable': { en: 'a {status} experiment cannot be promoted', zh: '状态为 {status} 的实验不能推广' },
  'experiments.not_promotable.detail': { en: 'must be running or stopped', zh: '必须是运行中或已停止' },
  'experiments.period_bound': { en: '{period} is already bound for the whole institution; change that binding instead', zh: '{period} 已为整个机构绑定；请修改那个绑定' },
  'experiments.not_its_period': { en: '{period} is not one of the experiment\'s periods', zh: '{period} 不是该实验的周期之一' },
  'experiments.split_only_units': { en: 'only split experiments assign units to arms', zh: '只有分流实验才会把单位分配到各组' },
  'experiments.split_only_outcomes': { en: 'outcome reports are for split experiments', zh: '结果报告只适用于分流实验' },
  'experiments.transition': { en: 'a {status} experiment cannot become {to}', zh: '状态为 {status} 的实验不能变为 {to}' },
  'experiments.transition.detail': { en: 'must be {states}', zh: '必须是 {states}' },
  'experiments.no_version': { en: 'no version {version} of this document', zh: '该文档没有版本 {version}' },
  'experiments.same_version': { en: 'must differ from the champion', zh: '必须与冠军方案不同' },
  'experiments.no_period': { en: 'the scheme has no valid period', zh: '方案没有有效的周期类型' },
  'experiments.period_kind': { en: 'must score {kind}s like the champion', zh: '必须与冠军方案一样按 {kind} 计分' },
  'experiments.period_shape': { en: 'must be a {kind} ({problem})', zh: '必须是 {kind}（{problem}）' },
  'experiments.invalid': { en: 'the experiment is invalid', zh: '实验无效' },
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

const NOUN_PARAMS = ['what', 'state', 'kind'];

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

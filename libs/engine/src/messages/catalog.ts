/**
 * Every message the engine's validators can emit, by stable code, in English and Chinese. A validation issue
 * carries `code` and `params`; its `message` is the English text, and `renderEngineMessage` gives it in any
 * language. Texts are templates (`{name}` takes a param) or, where the wording branches, functions of the params.
 */
export type MessageLanguage = 'en' | 'zh';
export type MessageParams = Readonly<Record<string, string | number | boolean>>;
export type MessageText = string | ((params: MessageParams, lang: MessageLanguage) => string);
export interface CatalogEntry {
  en: MessageText;
  zh: MessageText;
}

/** Words the templates name as params (`kind`, `what`, `level`): translated before interpolation. */
export const ENGINE_NOUNS: Readonly<Record<string, { en: string; zh: string }>> = {
  indicator: { en: 'indicator', zh: '指标' },
  adjustment: { en: 'adjustment', zh: '调整项' },
  band: { en: 'band', zh: '等级' },
  tier: { en: 'tier', zh: '层级' },
  zone: { en: 'zone', zh: '区域规则' },
  hint: { en: 'hint', zh: '提示' },
  award: { en: 'award', zh: '奖项' },
  dimension: { en: 'dimension', zh: '维度' },
  stage: { en: 'stage', zh: '阶段' },
  field: { en: 'field', zh: '字段' },
  higher: { en: 'higher', zh: '越高越好' },
  lower: { en: 'lower', zh: '越低越好' },
  select: { en: 'select', zh: '单选' },
  multiselect: { en: 'multiselect', zh: '多选' },
  floor: { en: 'floor', zh: '底线' },
  baseline: { en: 'baseline', zh: '基准' },
  target: { en: 'target', zh: '目标' },
  excellent: { en: 'excellent', zh: '卓越' },
  min: { en: 'min', zh: '下限 min' },
  max: { en: 'max', zh: '上限 max' },
};

export function noun(word: string | number | boolean | undefined, lang: MessageLanguage): string {
  const text = String(word ?? '');
  return ENGINE_NOUNS[text]?.[lang] ?? text;
}

const param = (p: MessageParams, key: string): string => String(p[key] ?? '');

/** Chinese for the fixed English messages the engine's schemas give zod (refine and min/max messages). */
export const SCHEMA_DETAIL_ZH: Readonly<Record<string, string>> = {
  'must start with a lowercase letter and contain only a-z, 0-9 and _': '须以小写字母开头，只含 a-z、0-9 和 _',
  'must be at most 64 characters': '最多 64 个字符',
  'must contain only a-z, 0-9, - and _ and start with a letter or digit': '只能含 a-z、0-9、- 和 _，并以字母或数字开头',
  'must contain only letters, digits, _, + and -': '只能含字母、数字、_、+ 和 -',
  'needs a zh or an en text': '需要中文（zh）或英文（en）文本',
  'must be a finite number': '必须是有限的数字',
  'must be between 0 and 100': '必须在 0 到 100 之间',
  'needs at least one band': '至少需要一个分段',
  'must not be empty': '不能为空',
  'must be at most 2000 characters': '最多 2000 个字符',
  'must not be negative': '不能为负数',
  'must be at least 1': '至少为 1',
  'a scheme needs at least one indicator': '方案至少需要一个指标',
  'a scheme needs at least one dimension': '方案至少需要一个维度',
  'a workflow needs at least one stage': '流程至少需要一个阶段',
  'condition references are not allowed: write the condition inline': '不允许引用条件：请直接写出条件',
  'the top level of a condition must be all, any or not, e.g. { all: [ { fact, operator, value } ] }': '条件的顶层必须是 all、any 或 not，例如 { all: [ { fact, operator, value } ] }',
};

const ZH_TYPES: Readonly<Record<string, string>> = {
  string: '文本', number: '数字', boolean: '布尔值', object: '对象', array: '数组', null: '空值（null）', undefined: '未填写', integer: '整数', int: '整数',
};
const zhType = (type: string): string => ZH_TYPES[type] ?? type;
const ZH_UNITS: Readonly<Record<string, string>> = { string: '个字符', array: '项', set: '项', file: '字节' };

/** Zod's own issues: the English is zod's (or the schema's) text, kept as `detail`; the Chinese is built from the params. */
function schemaZh(build: (p: MessageParams) => string): MessageText {
  return (p) => SCHEMA_DETAIL_ZH[param(p, 'detail')] ?? build(p);
}

const sizeZh = (p: MessageParams, bound: 'minimum' | 'maximum'): string => {
  const origin = param(p, 'origin');
  const unit = ZH_UNITS[origin];
  const inclusive = p.inclusive !== false;
  const value = param(p, bound);
  if (unit) return bound === 'minimum' ? `至少 ${value} ${unit}` : `最多 ${value} ${unit}`;
  if (bound === 'minimum') return inclusive ? `不能小于 ${value}` : `必须大于 ${value}`;
  return inclusive ? `不能大于 ${value}` : `必须小于 ${value}`;
};

export const ENGINE_MESSAGES = {
  // Shape (zod) issues of documents, facts and requests
  'schema.invalid_type': { en: '{detail}', zh: schemaZh((p) => (p.received === 'undefined' ? `必填，应为${zhType(param(p, 'expected'))}` : `应为${zhType(param(p, 'expected'))}，实际是${zhType(param(p, 'received'))}`)) },
  'schema.too_small': { en: '{detail}', zh: schemaZh((p) => sizeZh(p, 'minimum')) },
  'schema.too_big': { en: '{detail}', zh: schemaZh((p) => sizeZh(p, 'maximum')) },
  'schema.invalid_format': { en: '{detail}', zh: schemaZh((p) => (p.pattern ? `格式不正确（须符合 ${param(p, 'pattern')}）` : `格式不正确（应为 ${param(p, 'format')}）`)) },
  'schema.not_multiple_of': { en: '{detail}', zh: schemaZh((p) => `必须是 ${param(p, 'divisor')} 的倍数`) },
  'schema.unrecognized_keys': { en: '{detail}', zh: schemaZh((p) => `包含未知的键：${param(p, 'keys')}`) },
  'schema.invalid_union': { en: '{detail}', zh: schemaZh(() => '不符合任何允许的形式') },
  'schema.invalid_key': { en: '{detail}', zh: schemaZh(() => '键不合法') },
  'schema.invalid_value': { en: '{detail}', zh: schemaZh((p) => `必须是以下之一：${param(p, 'values')}`) },
  'schema.custom': { en: '{detail}', zh: schemaZh((p) => `不合法：${param(p, 'detail')}`) },

  // Documents
  'document.syntax': {
    en: (p) => `syntax error${p.line !== undefined ? ` at line ${param(p, 'line')}, column ${param(p, 'column')}` : ''}: ${param(p, 'detail')}`,
    zh: (p) => `语法错误${p.line !== undefined ? `（第 ${param(p, 'line')} 行第 ${param(p, 'column')} 列）` : ''}：${param(p, 'detail')}`,
  },
  'document.not_object': { en: 'a rule document must be an object', zh: '规则文档必须是一个对象' },
  'document.kind': { en: 'must be one of {kinds}', zh: '必须是以下之一：{kinds}' },

  // Ids and references
  'id.duplicate': { en: 'duplicate {kind} id {id}', zh: '{kind} id {id} 重复' },
  'field.duplicate': { en: 'duplicate field id {id} in stage {stage}', zh: '阶段 {stage} 中的字段 id {id} 重复' },
  'reference.unknown': { en: 'unknown {kind} {id}', zh: '未知的{kind} {id}' },
  'input.reserved_formula_name': { en: '{name} is a reserved formula name; choose another input name', zh: '{name} 是公式保留名，请换一个输入名' },
  'input.reserved_fact': { en: '{name} is a reserved condition fact; choose another input name', zh: '{name} 是条件保留事实名，请换一个输入名' },
  'indicator.id_is_input': { en: '{id} is already an input name', zh: '{id} 已是一个输入名' },
  'indicator.id_reserved_formula_name': { en: '{id} is a reserved formula name', zh: '{id} 是公式保留名' },
  'indicator.id_reserved_fact': { en: '{id} is a reserved condition fact; choose another indicator id', zh: '{id} 是条件保留事实名，请换一个指标 id' },
  'indicator.cycle': { en: 'indicator {id} depends on itself: {cycle}', zh: '指标 {id} 依赖自身：{cycle}' },
  'indicator.weighted_twice': { en: 'indicator {id} is already weighted in dimension {dimension}', zh: '指标 {id} 已在维度 {dimension} 中计权' },

  // Ranges and weights
  'range.below_min': { en: 'must be at least {field} ({min})', zh: '不能小于 {field}（{min}）' },
  'range.not_above_min': { en: 'must be greater than min ({min})', zh: '必须大于下限 min（{min}）' },
  'weights.sum': {
    en: (p) => `weights of ${p.level === 'dimensions' ? 'the top-level dimensions' : p.level === 'children' ? 'sibling dimensions' : `the indicators of dimension ${param(p, 'dimension')}`} must sum to 100, they sum to ${param(p, 'sum')}`,
    zh: (p) => `${p.level === 'dimensions' ? '顶层维度' : p.level === 'children' ? '同级维度' : `维度 ${param(p, 'dimension')} 下各指标`}的权重之和必须为 100，当前为 ${param(p, 'sum')}`,
  },

  // Scoring
  'scoring.threshold_order': {
    en: (p) => `must be ${p.direction === 'higher' ? 'greater' : 'less'} than ${param(p, 'previous')} (${param(p, 'previousValue')}) for direction ${param(p, 'direction')}`,
    zh: (p, lang) => `方向为${noun(p.direction, lang)}时，必须${p.direction === 'higher' ? '大于' : '小于'}${noun(p.previous, lang)}（${param(p, 'previousValue')}）`,
  },
  'scoring.points_order': { en: 'point scores must rise: baseline < target < excellent', zh: '分值必须递增：基准 < 目标 < 卓越' },
  'scoring.band_bound_required': { en: 'is required for direction {direction}', zh: '方向为{direction}时必填' },
  'scoring.band_bound_unused': { en: 'is not used for direction {direction}; use {bound}', zh: '方向为{direction}时不使用此项，请用 {bound}' },
  'bands.order': {
    en: (p) => (p.by === 'max' ? `bands must be ordered by max, lowest first (${param(p, 'current')} after ${param(p, 'previous')})` : `bands must be ordered by min, highest first (${param(p, 'current')} after ${param(p, 'previous')})`),
    zh: (p) => (p.by === 'max' ? `分段须按上限 max 从低到高排列（${param(p, 'current')} 排在 ${param(p, 'previous')} 之后）` : `分段须按下限 min 从高到低排列（${param(p, 'current')} 排在 ${param(p, 'previous')} 之后）`),
  },
  'scoring.raw_direction': { en: 'raw scoring uses the value as the score, so direction must be higher', zh: '原值计分直接以数值为得分，方向必须是越高越好' },

  // Formulas (`kind` is indicator or adjustment, `id` its id)
  'formula.syntax': { en: '{kind} {id}: syntax error: {detail}', zh: '{kind} {id}：公式语法错误：{detail}' },
  'formula.constant': { en: '{kind} {id}: only numeric constants are allowed, found {value}', zh: '{kind} {id}：只允许数字常量，发现 {value}' },
  'formula.operator': { en: '{kind} {id}: operator "{op}" is not allowed', zh: '{kind} {id}：不允许使用运算符 "{op}"' },
  'formula.call': { en: '{kind} {id}: only calls of named functions are allowed', zh: '{kind} {id}：只允许调用有名称的函数' },
  'formula.function': { en: '{kind} {id}: function {name} is not allowed (allowed: {allowed})', zh: '{kind} {id}：不允许使用函数 {name}（允许：{allowed}）' },
  'formula.unknown_name': { en: '{kind} {id}: unknown name {name}: declare it as an input or use an indicator id', zh: '{kind} {id}：未知名称 {name}：请将其声明为输入，或使用指标 id' },
  'formula.assignment': { en: '{kind} {id}: assignment is not allowed', zh: '{kind} {id}：不允许赋值' },
  'formula.function_definition': { en: '{kind} {id}: function definitions are not allowed', zh: '{kind} {id}：不允许定义函数' },
  'formula.access': { en: '{kind} {id}: property access and indexing are not allowed', zh: '{kind} {id}：不允许属性访问和下标' },
  'formula.expression': { en: '{kind} {id}: {type} expressions are not allowed', zh: '{kind} {id}：不允许 {type} 表达式' },

  // Dimensions and tiers
  'dimension.children_or_indicators': {
    en: (p) => `dimension ${param(p, 'id')} must have either children or indicators${p.both === true ? ', not both' : ''}`,
    zh: (p) => (p.both === true ? `维度 ${param(p, 'id')} 只能有子维度或指标之一，不能两者都有` : `维度 ${param(p, 'id')} 必须有子维度或指标`),
  },
  'dimension.too_deep': { en: 'dimensions may nest at most {max} levels deep', zh: '维度最多嵌套 {max} 层' },
  'tier.indicator_not_listed': { en: "indicator {id} is not in tier {tier}'s indicator list", zh: '指标 {id} 不在层级 {tier} 的指标列表中' },
  'tier.self_promotion': { en: 'a tier cannot promote to itself', zh: '层级不能晋升到自身' },

  // Conditions
  'condition.path_prefix': { en: 'a path on {fact} must start with $.{prefix}', zh: '{fact} 上的路径必须以 $.{prefix} 开头' },
  'condition.unknown_in_path': { en: 'unknown {kind} {id} in path {path}', zh: '路径 {path} 中有未知的{kind} {id}' },
  'condition.unknown_section': { en: 'unknown part {section} of {fact}: a path on {fact} starts with one of {allowed}', zh: '{fact} 没有 {section} 这一部分：{fact} 上的路径须以以下之一开头：{allowed}' },
  'condition.unknown_fact': { en: 'unknown fact {fact}: use a declared input or one of {allowed}', zh: '未知事实 {fact}：请使用已声明的输入，或以下之一：{allowed}' },

  // Workflows
  'field.options_required': { en: 'a {type} field needs options', zh: '{type}字段需要选项' },
  'field.options_unused': { en: 'options only apply to select fields', zh: '选项只适用于选择类字段' },
  'field.length_text_only': { en: 'minLength and maxLength only apply to text fields', zh: 'minLength 和 maxLength 只适用于文本字段' },
  'escalation.order': { en: 'escalation steps must be ordered by afterHours ({current} after {previous})', zh: '升级步骤须按 afterHours 排序（{current} 排在 {previous} 之后）' },

  // Surveys (documents and clients' answers)
  'survey.no_questions': { en: 'a survey needs at least one Likert dimension or an NPS question', zh: '问卷至少需要一个 Likert 维度或一个 NPS 问题' },
  'survey.answer_required': { en: 'please answer this question', zh: '请回答此题' },
  'survey.answer_range': { en: 'choose a whole number from {min} to {max}', zh: '请选择 {min} 到 {max} 之间的整数' },
  'survey.answer_unknown': { en: 'the survey does not ask {id}', zh: '问卷没有 {id} 这一题' },
  'survey.answer_empty': { en: 'please answer at least one rating question', zh: '请至少回答一道评分题' },
  'survey.comment_type': { en: 'must be text', zh: '必须是文本' },
  'survey.comment_too_long': { en: 'must be at most {max} characters', zh: '最多 {max} 个字符' },

  // Facts of staff members (imports, previews)
  'facts.duplicate_staff': { en: 'duplicate staffId {id}', zh: 'staffId {id} 重复' },
  'facts.tier': { en: 'must be one of {tiers}', zh: '必须是以下之一：{tiers}' },
  'facts.unknown_input': { en: 'unknown input {name}: the scheme declares {declared}', zh: '未知输入 {name}：方案声明的输入为 {declared}' },
  'facts.not_number': { en: 'must be a number', zh: '必须是数字' },
  'facts.not_number_list': { en: 'must be a list of numbers', zh: '必须是数字列表' },
  'facts.out_of_range': { en: '{value} is outside the declared range {min}…{max}', zh: '{value} 超出声明的范围 {min}…{max}' },
  list_input_too_long: { en: 'has {count} numbers; a list input holds at most {max}', zh: '有 {count} 个数字；列表输入最多 {max} 个' },

  // Evaluation (scorecard errors)
  'evaluation.adjustment_input_absent': { en: 'adjustment {id} added 0: {name} is absent', zh: '调整项 {id} 计为 0：缺少 {name}' },
  'evaluation.adjustment_skipped': { en: 'adjustment {id} added 0: {reason}', zh: '调整项 {id} 计为 0：{reason}' },
  'evaluation.tier_required': { en: 'a tier is required: one of {tiers}', zh: '需要层级：以下之一 {tiers}' },
  'evaluation.indicator_missing': { en: 'indicator {id} is missing ({reason}) and its missing policy is error', zh: '指标 {id} 缺失（{reason}），其缺失策略为报错' },
  'evaluation.nothing_scored': { en: 'no indicator could be scored', zh: '没有可计分的指标' },
} satisfies Readonly<Record<string, CatalogEntry>>;

export type EngineMessageCode = keyof typeof ENGINE_MESSAGES;
export const ENGINE_MESSAGE_CODES = Object.keys(ENGINE_MESSAGES) as EngineMessageCode[];

export function isEngineMessageCode(code: unknown): code is EngineMessageCode {
  return typeof code === 'string' && Object.hasOwn(ENGINE_MESSAGES, code);
}

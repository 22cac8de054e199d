import type { LocalizedText, MessageLanguage, SurveyDocument, ValidationIssue } from '@carescore/engine';
import { localizeIssue } from '@carescore/engine';
import { type ApiMessageKey, msgIn } from '../../common/i18n/messages';

/**
 * The public survey page (`/s/<token>`), rendered on the server: one small HTML document with its styles inline and
 * no script, mobile first (fits 390 px without sideways scrolling), in Chinese by default. It shows the survey's
 * texts, the staff member's display name and nothing else about them.
 */
export type PageLanguage = MessageLanguage;

/** What the client filled in, to show again next to the problems. */
export interface FormValues {
  likert: Record<string, string>;
  nps: string;
  comment: string;
}

export const EMPTY_VALUES: FormValues = { likert: {}, nps: '', comment: '' };

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The text in the page's language, else the other one. */
export function pick(text: LocalizedText | undefined, lang: PageLanguage): string | undefined {
  if (!text) return undefined;
  return lang === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh);
}

const t = (lang: PageLanguage, key: ApiMessageKey, params: Record<string, string | number> = {}) => escape(msgIn(lang, key, params));

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2937;background:#f3f5f9}
main{max-width:560px;margin:0 auto;padding:16px}
header{display:flex;justify-content:space-between;align-items:flex-start;gap:12px}
h1{font-size:20px;line-height:1.35;margin:4px 0 8px;overflow-wrap:anywhere}
.lang{font-size:14px;white-space:nowrap;color:#2563eb;padding:6px 0}
.muted{color:#6b7280;font-size:14px;margin:4px 0}
.about{font-weight:600;margin:8px 0 0}
.card{background:#fff;border-radius:12px;padding:16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{padding:0;font-weight:600;margin-bottom:10px;overflow-wrap:anywhere}
.dim{display:block;color:#6b7280;font-weight:400;font-size:13px}
.scale{display:grid;gap:6px}
.scale5{grid-template-columns:repeat(5,minmax(0,1fr))}
.scale11{grid-template-columns:repeat(11,minmax(0,1fr));gap:3px}
.scale label{position:relative;display:block}
.scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0;inset:0}
.scale span{display:flex;align-items:center;justify-content:center;height:44px;border:1px solid #cbd5e1;border-radius:8px;background:#fff;font-weight:600;font-size:16px}
.scale11 span{height:40px;font-size:14px;border-radius:6px}
.scale input:checked+span{background:#2563eb;border-color:#2563eb;color:#fff}
.scale input:focus-visible+span{outline:3px solid #93c5fd;outline-offset:1px}
.ends{display:flex;justify-content:space-between;gap:8px;font-size:12px;color:#6b7280;margin-top:6px}
textarea{width:100%;min-height:96px;font:inherit;padding:10px;border:1px solid #cbd5e1;border-radius:8px;resize:vertical}
.error{color:#b91c1c;font-size:14px;margin:8px 0 0}
.invalid{border:1px solid #fca5a5}
.banner{background:#fef2f2;color:#991b1b;border-radius:8px;padding:10px 12px;margin:12px 0}
button{width:100%;height:48px;border:0;border-radius:10px;background:#2563eb;color:#fff;font:inherit;font-weight:600;font-size:17px;margin:8px 0 24px}
.notice{text-align:center;padding:32px 16px}
.notice .icon{font-size:44px;line-height:1}
`;

function layout(lang: PageLanguage, title: string, body: string, switchHref: string | null): string {
  const other = lang === 'zh' ? { code: 'en', label: 'English' } : { code: 'zh', label: '中文' };
  const switcher = switchHref === null ? '' : `<a class="lang" href="${escape(`${switchHref}?lang=${other.code}`)}" lang="${other.code === 'zh' ? 'zh-CN' : 'en'}">${other.label}</a>`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escape(title)}</h1>${switcher}</header>
${body}
</main>
</body>
</html>
`;
}

export interface SurveyFormModel {
  lang: PageLanguage;
  /** The page's own path (`/s/<token>`), for the form's action and the language switch. */
  path: string;
  survey: SurveyDocument;
  staffName: string;
  values: FormValues;
  issues: ValidationIssue[];
}

export function surveyTitle(survey: SurveyDocument, lang: PageLanguage): string {
  return pick(survey.title, lang) ?? pick(survey.name, lang) ?? msgIn(lang, 'survey_page.default_title');
}

function scaleRow(name: string, from: number, to: number, checked: string, columns: 'scale5' | 'scale11', invalid: boolean, describedBy: string): string {
  const options: string[] = [];
  for (let value = from; value <= to; value++) {
    const id = `${name}-${value}`;
    options.push(`<label for="${id}"><input type="radio" id="${id}" name="${name}" value="${value}"${String(value) === checked ? ' checked' : ''}${invalid ? ' aria-invalid="true"' : ''} aria-describedby="${describedBy}"><span>${value}</span></label>`);
  }
  return `<div class="scale ${columns}">${options.join('')}</div>`;
}

export function renderSurveyForm(model: SurveyFormModel): string {
  const { lang, survey, values } = model;
  const issues = new Map<string, string>();
  for (const found of model.issues) if (!issues.has(found.path)) issues.set(found.path, localizeIssue(found, lang).message);
  const errorOf = (path: string, id: string) => (issues.has(path) ? `<p class="error" id="${id}">${escape(issues.get(path) as string)}</p>` : `<span id="${id}" hidden></span>`);
  const parts: string[] = [];
  const intro = pick(survey.intro, lang);
  parts.push(`<p class="about">${t(lang, 'survey_page.about', { name: model.staffName })}</p>`);
  parts.push(`<p class="muted">${intro ? escape(intro) : t(lang, 'survey_page.anonymous')}</p>`);
  if (model.issues.length > 0) parts.push(`<div class="banner" role="alert">${t(lang, 'survey_page.fix_errors')}${issues.has('') ? ` ${escape(issues.get('') as string)}` : ''}</div>`);
  parts.push(`<form method="post" action="${escape(`${model.path}?lang=${lang}`)}" novalidate>`);
  const low = escape(pick(survey.scale.low, lang) ?? msgIn(lang, 'survey_page.likert_low'));
  const high = escape(pick(survey.scale.high, lang) ?? msgIn(lang, 'survey_page.likert_high'));
  survey.dimensions.forEach((dimension) => {
    const path = `likert.${dimension.id}`;
    const errorId = `error-likert_${dimension.id}`;
    const name = pick(dimension.name, lang);
    const question = pick(dimension.question, lang) ?? dimension.id;
    parts.push(
      `<div class="card${issues.has(path) ? ' invalid' : ''}" data-question="likert_${escape(dimension.id)}"><fieldset><legend>${name ? `<span class="dim">${escape(name)}</span>` : ''}${escape(question)}${dimension.required ? '' : ` <span class="dim">${t(lang, 'survey_page.optional')}</span>`}</legend>` +
        scaleRow(`likert_${dimension.id}`, survey.scale.min, survey.scale.max, values.likert[dimension.id] ?? '', 'scale5', issues.has(path), errorId) +
        `<div class="ends"><span>1 ${low}</span><span>5 ${high}</span></div>${errorOf(path, errorId)}</fieldset></div>`,
    );
  });
  if (survey.nps) {
    const nps = survey.nps;
    parts.push(
      `<div class="card${issues.has('nps') ? ' invalid' : ''}" data-question="nps"><fieldset><legend>${escape(pick(nps.question, lang) ?? '')}${nps.required ? '' : ` <span class="dim">${t(lang, 'survey_page.optional')}</span>`}</legend>` +
        scaleRow('nps', 0, 10, values.nps, 'scale11', issues.has('nps'), 'error-nps') +
        `<div class="ends"><span>0 ${escape(pick(nps.low, lang) ?? msgIn(lang, 'survey_page.nps_low'))}</span><span>10 ${escape(pick(nps.high, lang) ?? msgIn(lang, 'survey_page.nps_high'))}</span></div>${errorOf('nps', 'error-nps')}</fieldset></div>`,
    );
  }
  if (survey.comment) {
    const comment = survey.comment;
    parts.push(
      `<div class="card${issues.has('comment') ? ' invalid' : ''}" data-question="comment"><label for="comment"><strong>${escape(pick(comment.question, lang) ?? '')}</strong></label>` +
        `<textarea id="comment" name="comment" maxlength="${comment.maxLength}" rows="4" aria-describedby="error-comment">${escape(values.comment)}</textarea>${errorOf('comment', 'error-comment')}</div>`,
    );
  }
  parts.push(`<button type="submit">${t(lang, 'survey_page.submit')}</button></form>`);
  return layout(lang, surveyTitle(survey, lang), parts.join('\n'), model.path);
}

export type NoticeKind = 'thanks' | 'used' | 'expired' | 'unknown' | 'unavailable' | 'too_many';

const ICONS: Record<NoticeKind, string> = { thanks: '✓', used: '✓', expired: '⏱', unknown: '?', unavailable: 'ⓘ', too_many: '⏳' };

/** A page that says one thing: thank you, already answered, expired, not a valid link, or too many requests. */
export function renderNotice(kind: NoticeKind, lang: PageLanguage, options: { path?: string; title?: string; text?: string; params?: Record<string, string | number> } = {}): string {
  const title = options.title ?? msgIn(lang, `survey_page.${kind}_title` as ApiMessageKey, options.params ?? {});
  const text = options.text ?? msgIn(lang, `survey_page.${kind}_text` as ApiMessageKey, options.params ?? {});
  const body = `<div class="card notice" data-notice="${kind}"><div class="icon" aria-hidden="true">${ICONS[kind]}</div><p>${escape(text)}</p></div>`;
  return layout(lang, title, body, options.path ?? null);
}

/** A moment as the client reads it, in the institution's time zone: 2026-03-15 09:30. */
export function formatMoment(at: Date, timeZone: string, lang: PageLanguage): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const text = `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  return lang === 'zh' ? text : `${text} (${timeZone})`;
}

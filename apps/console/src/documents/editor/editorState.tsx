import { createContext, useCallback, useContext, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useLocaleState } from 'react-admin';
import { useEngine } from './engineLoader';
import { type DocPath, fieldOf, type Issue, isWithin, issueField, issuesByField, setIn } from './paths';

export type SchemeContent = Record<string, unknown>;

export interface EditorState {
  content: SchemeContent;
  /** Replaces the value at a path (undefined removes an object member). */
  set(path: DocPath, value: unknown): void;
  /** Replaces the whole document (the raw tab, a reload after saving). */
  replace(content: SchemeContent): void;
  /** The engine's issues for the current content, live. */
  localIssues: Issue[];
  /** False until the engine's chunk has loaded (nothing is checked, nor saved, before). */
  checking: boolean;
  /** The server's issues from the last save, until the field they name is edited. */
  serverIssues: Issue[];
  setServerIssues(issues: Issue[]): void;
  /** Messages by field, the server's first. */
  byField: Map<string, string[]>;
  dirty: boolean;
  markSaved(content: SchemeContent): void;
}

const EditorContext = createContext<EditorState | null>(null);

/** The draft being edited, validated by the engine on every change (deferred, so typing stays smooth). */
export function useEditorStateValue(initial: SchemeContent): EditorState {
  const [content, setContent] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const deferred = useDeferredValue(content);
  const engine = useEngine();
  const [locale] = useLocaleState();
  const localIssues = useMemo(() => {
    if (!engine) return [];
    const result = engine.validateDocument(deferred);
    // The engine words its issues in English; its catalog gives them in the console's language, by code and params.
    const language = engine.messageLanguage(locale);
    return result.ok ? [] : result.issues.map((issue) => engine.localizeIssue(issue, language));
  }, [engine, deferred, locale]);
  const set = useCallback((path: DocPath, value: unknown) => {
    setContent((current) => setIn(current, path, value));
    const field = fieldOf(path);
    // An edit answers the server's complaint about that field (or about the list it sits in).
    setServerIssues((issues) =>
      issues.filter((issue) => {
        const named = issueField(issue.path);
        return !isWithin(named, field) && !isWithin(field, named);
      }),
    );
  }, []);
  const replace = useCallback((next: SchemeContent) => {
    setContent(next);
    setServerIssues([]);
  }, []);
  const byField = useMemo(() => issuesByField([...serverIssues, ...localIssues]), [serverIssues, localIssues]);
  return {
    content,
    set,
    replace,
    localIssues,
    checking: engine === null,
    serverIssues,
    setServerIssues,
    byField,
    dirty: content !== saved,
    markSaved: (next) => {
      setSaved(next);
      setContent(next);
    },
  };
}

export function EditorProvider({ value, children }: { value: EditorState; children: ReactNode }) {
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

export function useEditor(): EditorState {
  const state = useContext(EditorContext);
  if (!state) throw new Error('useEditor outside the scheme editor');
  return state;
}

/** The messages for one field, joined; undefined when it has none. */
export function useFieldError(path: DocPath): string | undefined {
  const { byField } = useEditor();
  const messages = byField.get(fieldOf(path));
  return messages && messages.length > 0 ? [...new Set(messages)].join('; ') : undefined;
}

import type { ReactElement } from 'react';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRefresh } from 'react-admin';
import { isChangeRequest } from '../change-requests/changeRequestsApi';

interface ConfirmButtonProps {
  label: string;
  title: string;
  content: string;
  /** Translation arguments for title, content and the success message. */
  args?: Record<string, unknown>;
  success: string | ((result: unknown) => { message: string; args?: Record<string, unknown> });
  run: () => Promise<unknown>;
  icon?: ReactElement;
  color?: 'primary' | 'secondary' | 'error' | 'warning' | 'success' | 'inherit';
  variant?: 'text' | 'outlined' | 'contained';
  size?: 'small' | 'medium';
}

/** A button that asks first, runs an API action, reports the outcome (or that it was submitted for approval) and refreshes the page's data. */
export function ConfirmButton({ label, title, content, args, success, run, icon, color = 'primary', variant = 'text', size = 'small' }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const confirm = async () => {
    setBusy(true);
    try {
      const result = await run();
      if (isChangeRequest(result)) {
        // 202: the institution requires approval; nothing happened yet.
        notify('carescore.change_requests.submitted', { type: 'info', messageArgs: { description: result.description } });
        refresh();
        return;
      }
      const message = typeof success === 'string' ? { message: success, args } : success(result);
      notify(message.message, { type: 'success', messageArgs: message.args });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} disabled={busy} color={color} variant={variant} size={size}>
        {icon}
      </Button>
      <Confirm isOpen={open} loading={busy} title={title} content={content} translateOptions={args} onConfirm={() => void confirm()} onClose={() => setOpen(false)} />
    </>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface FormDialogProps {
  /** The dialog's heading, and its accessible name. */
  title: string;
  /** Escape, or the form's own Cancel: the caller stops rendering the dialog. */
  onClose: () => void;
  /** Widest the dialog grows, in pixels (a form with a grid of checkboxes needs more than one column of fields). */
  maxWidth?: number;
  children: ReactNode;
}

/**
 * A modal dialog around a form (create or edit without leaving the list): opened when rendered, closed when no
 * longer rendered; the browser traps focus in it and Escape closes it.
 */
export function FormDialog({ title, onClose, maxWidth = 520, children }: FormDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = `${useId()}-title`;
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      style={{ width: '100%', maxWidth }}
      onCancel={(event) => {
        // The caller decides: closing is a state change there (often the URL), not the browser's alone.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

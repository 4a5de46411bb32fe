import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

interface ConfirmRequest {
  title: string;
  body: ReactNode;
  /** The button that goes ahead, named for what it does ("Delete category"). */
  confirmLabel: string;
  /** The button that backs out ("Keep order" where "Cancel" would be ambiguous). Default: Cancel. */
  cancelLabel?: string;
  danger?: boolean;
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>;
const ConfirmContext = createContext<Confirm | null>(null);

/** Asks before anything destructive, in a modal dialog the keyboard can answer (Escape cancels). */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<(answer: boolean) => void>(() => undefined);
  const confirm = useCallback<Confirm>((next) => {
    setRequest(next);
    queueMicrotask(() => dialog.current?.showModal());
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const answer = (value: boolean) => {
    dialog.current?.close();
    resolver.current(value);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <dialog ref={dialog} aria-labelledby="confirm-title" onCancel={() => resolver.current(false)}>
        {request ? (
          <div className="stack">
            <h2 id="confirm-title">{request.title}</h2>
            <div>{request.body}</div>
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => answer(false)} autoFocus>
                {request.cancelLabel ?? 'Cancel'}
              </button>
              <button
                type="button"
                className={request.danger ? 'btn danger solid' : 'btn primary'}
                onClick={() => answer(true)}
              >
                {request.confirmLabel}
              </button>
            </div>
          </div>
        ) : null}
      </dialog>
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm needs a ConfirmProvider');
  return confirm;
}

import { useRef, useState } from 'react';

/**
 * The customer's token, shown once: the API never shows it again. The customer uses it as the bearer
 * token of their order's link (view it, accept or reject the work).
 */
export function CustomerToken({ token }: { token: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);

  const copy = async () => {
    try {
      // The Clipboard API exists only in secure contexts (https, localhost).
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('select');
    }
  };

  return (
    <div className="intake-token">
      <h3>Customer link token</h3>
      <p className="small">
        This is the customer&apos;s token for the link to their order: with it they follow the order and
        accept or reject the work. It is shown only now; give it to the customer before leaving this page.
      </p>
      <div className="row">
        <input
          ref={input}
          className="intake-token-value"
          readOnly
          value={token}
          aria-label="Customer token"
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" onClick={() => void copy()}>
          Copy token
        </button>
        <span role="status" className="small muted">
          {copied === 'yes' ? 'Copied.' : copied === 'select' ? 'Selected: press Ctrl+C to copy.' : ''}
        </span>
      </div>
    </div>
  );
}

/** What an options section reports after an action: an error is announced at once (alert), anything else politely. */
export interface StatusText {
  text: string;
  error: boolean;
}

export function StatusMessage({ message }: { message: StatusText | undefined }) {
  if (!message) return null;
  return (
    <p class={message.error ? 'error' : 'note'} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}

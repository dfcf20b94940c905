export type NmcParseErrorCode =
  | 'not-text'
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'html'
  | 'no-header'
  | 'no-users'
  | 'too-many-rows'
  | 'ragged-row';

/** Every way a pasted user list can be refused. `code` is stable; `message` is English for people. */
export class NmcParseError extends Error {
  override readonly name = 'NmcParseError';
  readonly code: NmcParseErrorCode;
  /** 1-based line of the text the problem was found on, when there is one. */
  readonly line: number | undefined;

  constructor(code: NmcParseErrorCode, message: string, line?: number) {
    super(message);
    this.code = code;
    this.line = line;
  }
}

/**
 * What each edit of an open document left as it was, for incremental parsing: the document
 * store's `create`/`update` are wrapped so that every content change notes the unchanged first
 * and last characters, composed until the session takes them for its next parse.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Unchanged } from '../core/text';

export class EditLog {
  /** per URI, what is unchanged since the last `take` (absent: unknown) */
  private readonly since = new Map<string, Unchanged>();

  readonly create = (uri: string, languageId: string, version: number, content: string): TextDocument => {
    this.since.delete(uri);
    return TextDocument.create(uri, languageId, version, content);
  };

  readonly update = (doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    const u = this.since.get(doc.uri);
    if (u) {
      for (const change of changes) {
        if ('range' in change) {
          const length = doc.getText().length;
          const start = doc.offsetAt(change.range.start);
          const end = Math.max(start, doc.offsetAt(change.range.end));
          u.prefix = Math.min(u.prefix, start);
          u.suffix = Math.min(u.suffix, length - end);
        } else {
          u.prefix = u.suffix = 0;
        }
        TextDocument.update(doc, [change], version);
      }
      return doc;
    }
    return TextDocument.update(doc, changes, version);
  };

  /** What is unchanged since the last call for this document (undefined when unknown), and from now on nothing has changed. */
  take(uri: string): Unchanged | undefined {
    const u = this.since.get(uri);
    this.since.set(uri, { prefix: Infinity, suffix: Infinity });
    return u;
  }

  forget(uri: string): void {
    this.since.delete(uri);
  }
}

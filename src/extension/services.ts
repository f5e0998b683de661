import type { Logger } from '../core/log/logger';
import type { ClusterSession } from './clusterSession';
import type { Config } from './config';
import type { EditorApis } from './editorApis';
import type { Notifier } from './notifier';
import type { ReportDocuments } from './reportDocuments';

/** What the commands and views share, made once by activate(): each command is a factory of these. */
export interface Services {
  readonly apis: EditorApis;
  readonly config: Config;
  readonly session: ClusterSession;
  readonly log: Logger;
  readonly notifier: Notifier;
  readonly documents: ReportDocuments;
}

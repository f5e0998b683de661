import type { Logger } from '../core/log/logger';
import type { ClusterSession } from './clusterSession';
import type { Config } from './config';
import type { EditorApis } from './editorApis';
import type { Notifier } from './notifier';
import type { ReportDocuments } from './reportDocuments';
import type { ResultSources } from './resultSources';

/** What the commands and views share, made once by activate(): each command is a factory of these. */
export interface Services {
  readonly apis: EditorApis;
  readonly config: Config;
  /** The live cluster: its connection and its last run. */
  readonly session: ClusterSession;
  /** The live cluster's results and an opened support bundle's, each its own. */
  readonly sources: ResultSources;
  readonly log: Logger;
  readonly notifier: Notifier;
  readonly documents: ReportDocuments;
}
